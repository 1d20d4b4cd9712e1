/* In-page preview of PDF attachments with pdf.js (pdfjs-dist from npm, served under /static/vendor/).
 *
 * Each <details class="pdf-preview" data-pdf-url=… data-pdfjs=… data-worker=…> loads pdf.js when it
 * is first opened and draws the pages on canvases, a few at a time. Nothing from the document runs:
 * no annotation, form or XFA layer is drawn (links and form actions stay inert), pdf.js's scripting
 * sandbox is never loaded, and the document is only ever parsed in pdf.js's worker. Without
 * JavaScript the <details> shows its note and the download link does the rest.
 */
(function () {
  "use strict";

  var PAGES_AT_ONCE = 5;

  function message(box, text) {
    var p = document.createElement("p");
    p.className = "pdf-preview-note";
    p.textContent = text;
    box.appendChild(p);
  }

  function renderPage(pdf, number, box, label) {
    return pdf.getPage(number).then(function (page) {
      var width = Math.min(box.clientWidth || 800, 1000);
      var base = page.getViewport({ scale: 1 });
      var ratio = window.devicePixelRatio || 1;
      var viewport = page.getViewport({ scale: (width / base.width) * ratio });
      var canvas = document.createElement("canvas");
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = Math.floor(viewport.width / ratio) + "px";
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", label.replace("{n}", number));
      box.appendChild(canvas);
      return page.render({ canvas: canvas, canvasContext: canvas.getContext("2d"), viewport: viewport,
        annotationMode: 0 /* AnnotationMode.DISABLE */ }).promise;
    });
  }

  function showFrom(pdf, first, box, details) {
    var last = Math.min(pdf.numPages, first + PAGES_AT_ONCE - 1);
    var chain = Promise.resolve();
    for (var n = first; n <= last; n += 1) {
      chain = chain.then(renderPage.bind(null, pdf, n, box, details.dataset.pageLabel));
    }
    return chain.then(function () {
      if (last < pdf.numPages) {
        var more = document.createElement("button");
        more.type = "button";
        more.className = "pdf-preview-more";
        more.textContent = details.dataset.moreLabel;
        more.addEventListener("click", function () {
          more.remove();
          showFrom(pdf, last + 1, box, details);
        });
        box.appendChild(more);
      }
    });
  }

  function load(details) {
    var box = details.querySelector(".pdf-preview-pages");
    box.textContent = "";
    box.setAttribute("aria-busy", "true");
    import(details.dataset.pdfjs).then(function (pdfjs) {
      pdfjs.GlobalWorkerOptions.workerSrc = details.dataset.worker;
      var base = details.dataset.pdfjs.replace(/build\/pdf\.min\.mjs$/, "");
      return pdfjs.getDocument({
        url: details.dataset.pdfUrl,
        cMapUrl: base + "cmaps/",
        cMapPacked: true,
        standardFontDataUrl: base + "standard_fonts/",
        wasmUrl: base + "wasm/",
        enableXfa: false,
        withCredentials: false
      }).promise;
    }).then(function (pdf) {
      message(box, details.dataset.pagesLabel.replace("{n}", pdf.numPages));
      return showFrom(pdf, 1, box, details);
    }).catch(function () {
      message(box, details.dataset.errorLabel);
    }).then(function () {
      box.setAttribute("aria-busy", "false");
    });
  }

  document.querySelectorAll("details.pdf-preview").forEach(function (details) {
    var note = details.querySelector(".pdf-preview-nojs");
    if (note) { note.remove(); }
    details.addEventListener("toggle", function () {
      if (details.open && !details.dataset.loaded) {
        details.dataset.loaded = "1";
        load(details);
      }
    });
  });
})();
