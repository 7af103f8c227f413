"""The programs ``benchmarks/run.py`` measures in child processes, one module each.

Each runs as ``python -m benchmarks.children.<name> ARGS`` from the code snapshot the run works in
(``run.snapshot_code``), so it imports the snapshot's ``sccon_ld``; ``launch`` runs by path under
``python -I -S`` (it must import nothing but the standard library, see its docstring).
"""
