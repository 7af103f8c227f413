"""Linking: provisional references -> IRIs, through the authority file and across the corpus."""
