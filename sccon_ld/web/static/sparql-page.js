// The query page's editor: YASGUI's editor (Yasqe) and result view (Yasr) over this endpoint.
//
// Progressive: without this script (or without YASGUI's files) the page's plain form works as it
// is. Everything the script needs comes from the page itself (the JSON in #sparql-editor's data-config),
// so it runs under the site's Content-Security-Policy (script-src 'self', no inline code) and
// never asks another host: no prefix.cc, no LOV autocompletion, no CDN.
(function () {
  "use strict";
  var mount = document.getElementById("sparql-editor");
  var Yasgui = window.Yasgui && (window.Yasgui.default || window.Yasgui);
  if (!mount || !Yasgui || !Yasgui.Yasqe || !Yasgui.Yasr) return;
  var config = JSON.parse(mount.dataset.config);
  var Yasqe = Yasgui.Yasqe, Yasr = Yasgui.Yasr;
  var form = document.querySelector("form.sparql");
  var textarea = document.getElementById("sparql-query");
  var text = config.text;

  // Prefix completion from the prefixes this endpoint declares itself, first and only.
  var ownPrefixes = Object.keys(config.prefixes).sort().map(function (p) {
    return p + ": <" + config.prefixes[p] + ">";
  });
  Yasqe.registerAutocompleter(Object.assign({}, Yasqe.Autocompleters.prefixes, {
    get: function () { return Promise.resolve(ownPrefixes); },
  }));

  // The endpoint declares these prefixes itself: the editor must not flag them as undefined.
  var sparqlMode = Yasqe.modes.sparql11;
  Yasqe.defineMode("sparql11", function (modeConfig, parserConfig) {
    var mode = sparqlMode(modeConfig, parserConfig);
    var startState = mode.startState;
    mode.startState = function () {
      var state = startState.apply(this, arguments);
      state.prefixes = Object.assign({}, config.prefixes, state.prefixes);
      return state;
    };
    return mode;
  });

  form.hidden = true;
  mount.hidden = false;
  var editorEl = mount.querySelector(".sparql-editor-input");
  var resultsEl = mount.querySelector(".sparql-editor-results");

  var yasqe = new Yasqe(editorEl, {
    value: textarea.value,
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    autocompleters: ["prefixes", "variables"],  // the others ask LOV on the web
    persistenceId: null,
    showQueryButton: true,
    resizeable: true,
    editorHeight: "18rem",
    createShareableLink: null,
  });
  // YASGUI labels its result controls in English: the page's language instead.
  var widget = config.widget;
  var tableDefaults = Yasr.plugins && Yasr.plugins.table && Yasr.plugins.table.defaults;
  if (tableDefaults && tableDefaults.tableConfig) tableDefaults.tableConfig.language = widget.table;
  var phrases = new Map(widget.phrases.filter(function (p) { return p[0] !== p[1]; }));
  function relabel(root) {
    if (!phrases.size && !widget.summary) return;
    root.querySelectorAll(".yasr_btn span, .switch .label, .pageSizerLabel").forEach(function (el) {
      var here = phrases.get(el.textContent);
      if (here) el.textContent = here;
    });
    root.querySelectorAll("input.tableFilter").forEach(function (el) {
      var here = phrases.get(el.placeholder);
      if (here) { el.placeholder = here; el.setAttribute("aria-label", here); }
    });
    var chip = root.querySelector(".yasr_response_chip");
    var found = chip && widget.summary && /^(\d+) results? in ([\d.]+) seconds?$/.exec(chip.textContent);
    if (found) chip.textContent = widget.summary.replace("{n}", found[1]).replace("{s}", found[2].replace(".", ","));
  }

  var yasr = new Yasr(resultsEl, {
    persistenceId: null,
    prefixes: function () { return Object.assign({}, config.prefixes, yasqe.getPrefixesFromQuery()); },
    pluginOrder: ["table", "response"],
    defaultPlugin: "table",
  });
  yasqe.on("queryResponse", function (_yasqe, response, duration) {
    yasr.setResponse(response, duration);
  });
  relabel(resultsEl);
  mount.dataset.ready = "true";

  // Dataset IRIs open on this server (as in the plain results table), not at their public host.
  function localise(root) {
    root.querySelectorAll("a.iri").forEach(function (a) {
      var iri = a.getAttribute("href") || "";
      if (iri.indexOf(config.base) === 0) {
        a.setAttribute("href", config.root + "/" + iri.slice(config.base.length));
        a.removeAttribute("target");
        a.title = iri;
      }
    });
  }
  new MutationObserver(function () { localise(resultsEl); relabel(resultsEl); })
    .observe(resultsEl, { childList: true, subtree: true });

  // Download in each format the query's form has: the same query POSTed with ?format=.
  var downloads = mount.querySelector(".sparql-downloads");
  var status = downloads.querySelector(".sparql-download-status");
  function showDownloads() {
    var type = yasqe.getQueryType();
    var graph = type === "CONSTRUCT" || type === "DESCRIBE";
    downloads.querySelectorAll("button[data-format]").forEach(function (b) {
      var forms = b.dataset.forms.split(" ");
      b.hidden = forms.indexOf(graph ? "graph" : (type === "ASK" ? "ask" : "select")) < 0;
    });
  }
  yasqe.on("change", showDownloads);
  showDownloads();
  downloads.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-format]");
    if (!button) return;
    var body = new URLSearchParams({ query: yasqe.getValue(), format: button.dataset.format });
    status.textContent = text.downloading;
    fetch(config.endpoint, { method: "POST", body: body })
      .then(function (response) {
        if (!response.ok) {
          return response.text().then(function (t) { throw new Error(response.status + ": " + t.slice(0, 300)); });
        }
        return response.blob();
      })
      .then(function (blob) {
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = "query-result." + button.dataset.extension;
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
        status.textContent = "";
      })
      .catch(function (error) { status.textContent = text.download_failed + " " + error.message; });
  });

  // The competency questions: "Edit" loads one into the editor, "Run" loads and runs it.
  document.querySelectorAll(".sparql-examples li").forEach(function (item) {
    var query = item.querySelector("pre").textContent;
    item.querySelectorAll("a[data-action]").forEach(function (a) {
      a.addEventListener("click", function (event) {
        event.preventDefault();
        yasqe.setValue(query);
        showDownloads();
        mount.scrollIntoView({ block: "start" });
        if (a.dataset.action === "run") yasqe.query();
      });
    });
  });
})();
