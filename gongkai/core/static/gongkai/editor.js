/* The rich-text editor of staff long-text fields (docs/decisions/0005-rich-text-editor.md).
 *
 * Every <textarea data-rich-text> becomes a Jodit editor; without JavaScript the textarea stays and
 * takes HTML. Pasted HTML (Word, WPS, web pages) and the editor's own output are cleaned here to the
 * HTML that gongkai/core/sanitize.py keeps, in the same normal form, so the server's sanitizer
 * leaves it unchanged: headings, bold, lists, tables, links, alignment and first-line indent stay,
 * everything else (fonts, colours, classes, Office markup) goes. The server sanitizes again anyway.
 */
(function () {
  "use strict";

  var ATTRS = {
    a: ["href", "title"], img: ["src", "alt", "title", "width", "height"], th: ["scope", "colspan", "rowspan"],
    td: ["colspan", "rowspan"], col: ["span"], abbr: ["title"]
  };
  var TAGS = ("p br hr h2 h3 h4 h5 h6 strong b em i u s sub sup blockquote pre code ul ol li dl dt dd a img " +
    "table caption thead tbody tfoot tr th td colgroup col span div figure figcaption abbr").split(" ");
  var STYLED = "p h2 h3 h4 h5 h6 div li td th caption blockquote ol".split(" ");
  var DROP = "script style meta link title xml head template iframe object embed form input button select textarea".split(" ");
  var RENAME = { h1: "h2" };
  var STYLE_VALUES = [
    ["text-align", /^(left|right|center|justify)$/],
    ["text-indent", /^((\d{1,2}(\.\d{1,2})?)(em|pt|px)|0)$/],
    ["list-style-type", /^(decimal|lower-alpha|upper-alpha|lower-roman|upper-roman|cjk-ideographic)$/]
  ];
  var URL_SCHEMES = /^(https?:|mailto:|tel:|[^:]*$)/i;

  function cleanStyle(value, align) {
    var found = {};
    if (align) { found["text-align"] = align.toLowerCase(); }
    (value || "").split(";").forEach(function (declaration) {
      var at = declaration.indexOf(":");
      if (at < 0) { return; }
      found[declaration.slice(0, at).trim().toLowerCase()] = declaration.slice(at + 1).trim().toLowerCase();
    });
    return STYLE_VALUES.filter(function (rule) {
      return found[rule[0]] !== undefined && rule[1].test(found[rule[0]]);
    }).map(function (rule) { return rule[0] + ":" + found[rule[0]]; }).join(";");
  }

  function unwrap(node) {
    var parent = node.parentNode;
    while (node.firstChild) { parent.insertBefore(node.firstChild, node); }
    parent.removeChild(node);
  }

  function cleanElement(el) {
    var tag = el.localName;
    if (RENAME[tag]) {
      var renamed = el.ownerDocument.createElement(RENAME[tag]);
      Array.prototype.forEach.call(el.attributes, function (a) { renamed.setAttribute(a.name, a.value); });
      while (el.firstChild) { renamed.appendChild(el.firstChild); }
      el.parentNode.replaceChild(renamed, el);
      el = renamed;
      tag = el.localName;
    }
    var style = STYLED.indexOf(tag) >= 0 ? cleanStyle(el.getAttribute("style"), el.getAttribute("align")) : "";
    var keep = (ATTRS[tag] || []).concat(["lang"]);
    Array.prototype.slice.call(el.attributes).forEach(function (a) {
      if (keep.indexOf(a.name) < 0) { el.removeAttribute(a.name); }
    });
    if (style) { el.setAttribute("style", style); }
    if (tag === "a" && el.hasAttribute("href") && !URL_SCHEMES.test(el.getAttribute("href").trim())) {
      el.removeAttribute("href");
    }
    if (tag === "img" && el.hasAttribute("src") && !/^https?:/i.test(el.getAttribute("src").trim())) {
      el.removeAttribute("src");  // pasted local files (file://, data:) cannot be published
    }
    return el;
  }

  function walk(parent) {
    var child = parent.firstChild;
    while (child) {
      var next = child.nextSibling;
      if (child.nodeType === 8) {  // comment (Word's conditional comments)
        parent.removeChild(child);
      } else if (child.nodeType === 1) {
        var tag = child.localName;
        if (DROP.indexOf(tag) >= 0) {
          parent.removeChild(child);
        } else if (TAGS.indexOf(tag) < 0 && !RENAME[tag]) {
          var first = child.firstChild;
          unwrap(child);  // o:p, font, section…: keep the text, lose the element
          next = first || next;
          continue;
        } else {
          var el = cleanElement(child);
          walk(el);
          if (el.localName === "span" && !el.attributes.length) {
            unwrap(el);  // its children are clean already; `next` is past them
          }
        }
      }
      child = next;
    }
  }

  /** The HTML the server keeps, from any HTML. */
  function clean(html) {
    var template = document.createElement("template");
    template.innerHTML = html || "";
    walk(template.content);
    return template.innerHTML;
  }

  /* Word's lists. Word puts a list on the clipboard as paragraphs, each with `mso-list:l1 level2 lfo3`
   * in its style and its number or bullet as text in a `mso-list:Ignore` span inside conditional
   * comments. Jodit's paste-from-word drops both, which left numbered paragraphs without numbers. Here,
   * before Jodit sees the HTML, each run of such paragraphs becomes <ol>/<ul> with <li>, nested by
   * level; the marker says which: a bullet → <ul>; 1. a) i. 一、 → <ol> with the matching
   * list-style-type (cjk-ideographic shows 一、二、); a marker no list style can draw, such as （一）,
   * stays as the paragraph's own text. */
  var LIST_KINDS = [
    [/^[(\uff08]?[0-9\uff10-\uff19]{1,3}[.\uff0e\u3001)\uff09]?$/, "decimal"],
    [/^[ivxlc]{1,5}[.)\uff09]$/, "lower-roman"],
    [/^[IVXLC]{1,5}[.)\uff09]$/, "upper-roman"],
    [/^[a-z][.)\uff09]$/, "lower-alpha"],
    [/^[A-Z][.)\uff09]$/, "upper-alpha"],
    [/^[\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341\u767e]{1,4}[\u3001.\uff0e]$/, "cjk-ideographic"]
  ];

  function listKind(marker) {
    if (!marker) { return null; }
    for (var i = 0; i < LIST_KINDS.length; i++) {
      if (LIST_KINDS[i][0].test(marker)) { return LIST_KINDS[i][1]; }
    }
    // One symbol (·, •, §, Ø, o of Wingdings/Symbol fonts): a bullet. Anything longer: keep as text.
    return marker.length <= 2 && !/[\u4e00-\u9fff0-9\uff10-\uff19]/.test(marker) ? "bullet" : "text";
  }

  function takeMarker(p) {
    // The marker is the text of the mso-list:Ignore span, or what lies between the
    // <!--[if !supportLists]--> and <!--[endif]--> comments; it is removed from the paragraph.
    var ignore = Array.prototype.filter.call(p.querySelectorAll("[style]"), function (el) {
      return /mso-list\s*:\s*ignore/i.test(el.getAttribute("style"));
    })[0];
    var marker = "";
    if (ignore) {
      marker = ignore.textContent;
      var outer = ignore;
      while (outer.parentNode !== p && outer.parentNode.childNodes.length === 1) { outer = outer.parentNode; }
      outer.parentNode.removeChild(outer);
    } else {
      var node = p.firstChild, inside = false, drop = [];
      for (; node; node = node.nextSibling) {
        if (node.nodeType === 8 && /\[if !supportLists\]/i.test(node.data)) { inside = true; continue; }
        if (node.nodeType === 8 && /\[endif\]/i.test(node.data) && inside) { break; }
        if (inside) { marker += node.textContent; drop.push(node); }
      }
      drop.forEach(function (n) { p.removeChild(n); });
    }
    return marker.replace(/[\s\u00a0]+/g, "");
  }

  function wordLists(html) {
    if (!/mso-list/i.test(html || "")) { return html; }
    var doc = new DOMParser().parseFromString(html, "text/html");
    var paragraphs = Array.prototype.filter.call(doc.querySelectorAll("p[style], h1[style], h2[style], h3[style], h4[style]"), function (p) {
      return /mso-list\s*:\s*l\d+\s+level\d+/i.test(p.getAttribute("style"));
    });
    var stack = [], previous = null;
    paragraphs.forEach(function (p) {
      var found = /mso-list\s*:\s*(l\d+)\s+level(\d+)/i.exec(p.getAttribute("style"));
      var level = parseInt(found[2], 10), marker = takeMarker(p), kind = listKind(marker);
      p.setAttribute("style", p.getAttribute("style").replace(/mso-list\s*:[^;]*;?/ig, "").replace(/text-indent\s*:\s*-[^;]*;?/ig, ""));
      if (kind === "text") {
        p.insertBefore(doc.createTextNode(marker), p.firstChild);
        stack = []; previous = null;
        return;
      }
      // A list goes on only over its own paragraphs: anything else between them starts a new one.
      var sibling = p.previousSibling;
      while (sibling && (sibling.nodeType === 8 || sibling.nodeType === 3 && !sibling.data.trim())) { sibling = sibling.previousSibling; }
      if (!previous || sibling !== previous) { stack = []; }
      while (stack.length && stack[stack.length - 1].level > level) { stack.pop(); }
      var top = stack[stack.length - 1];
      if (top && top.level === level && (top.kind !== kind || top.id !== found[1] && level === 1)) { stack.pop(); top = stack[stack.length - 1]; }
      if (!top || top.level < level) {
        var list = doc.createElement(kind === "bullet" ? "ul" : "ol");
        if (kind !== "bullet" && kind !== "decimal") { list.setAttribute("style", "list-style-type:" + kind); }
        if (top && top.list.lastChild) { top.list.lastChild.appendChild(list); } else { p.parentNode.insertBefore(list, p); }
        top = { level: level, kind: kind, id: found[1], list: list };
        stack.push(top);
      }
      var li = doc.createElement("li");
      var align = /text-align\s*:\s*(left|right|center|justify)/i.exec(p.getAttribute("style") || "");
      if (align) { li.setAttribute("style", "text-align:" + align[1].toLowerCase()); }
      while (p.firstChild) { li.appendChild(p.firstChild); }
      top.list.appendChild(li);
      // The emptied paragraph stays in place (as the anchor of the next item's "previous") until the end.
      p.setAttribute("data-gongkai-list", "");
      previous = p;
    });
    Array.prototype.forEach.call(doc.querySelectorAll("[data-gongkai-list]"), function (p) { p.parentNode.removeChild(p); });
    return "<!DOCTYPE html>" + doc.documentElement.outerHTML;
  }

  function language() {
    var lang = (document.documentElement.lang || "zh-hans").toLowerCase();
    return lang.indexOf("zh") === 0 ? "zh_cn" : "en";
  }

  function make(textarea) {
    if (!window.Jodit) { return; }
    var editor = window.Jodit.make(textarea, {
      language: language(),
      iframe: false,
      toolbarAdaptive: false,
      toolbarSticky: false,
      minHeight: 360,
      buttons: ["paragraph", "bold", "italic", "underline", "|", "ul", "ol", "indent", "outdent", "|",
        "align", "|", "table", "link", "hr", "|", "undo", "redo", "|", "source", "fullsize"],
      controls: {
        paragraph: { list: { p: "Normal", h2: "Heading 2", h3: "Heading 3", h4: "Heading 4" } }
      },
      askBeforePasteFromWord: false,
      askBeforePasteHTML: false,
      defaultActionOnPasteFromWord: "insert_as_html",
      defaultActionOnPaste: "insert_as_html",
      beautifyHTML: false,
      // The 源码 view is a plain textarea: Jodit's default loads the Ace editor from a CDN, which the
      // project never uses and the Content-Security-Policy blocks.
      sourceEditor: "area",
      showCharsCounter: false,
      showWordsCounter: false,
      showXPathInStatusbar: false,
      hidePoweredByJodit: true,
      disablePlugins: ["speech-recognize", "ai-assistant", "image-processor", "file", "video", "media",
        "drag-and-drop-element", "powered-by-jodit"],
      uploader: { insertImageAsBase64URI: false }
    });
    // Word's lists are rebuilt before Jodit's paste-from-word (applyStyles) removes their markers.
    editor.e.on("processHTML", function (event, html) {
      var helpers = window.Jodit.modules && window.Jodit.modules.Helpers;
      if (!/mso-list/i.test(html || "") || !helpers || !helpers.isHtmlFromWord || !helpers.isHtmlFromWord(html)) { return; }
      var result = clean(helpers.applyStyles ? helpers.applyStyles(wordLists(html)) : wordLists(html));
      if (!editor.isInDestruct) { editor.s.insertHTML(result); }
      return true;  // handled: Jodit's own paste handlers do nothing more with this paste
    }, { top: true });
    editor.e.on("beforePasteInsert", function (html) {
      return typeof html === "string" ? clean(html) : html;
    });
    var area = editor.editor;
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    area.setAttribute("aria-label", textarea.getAttribute("data-editor-label") || "");
    var labelled = document.querySelector('label[for="' + textarea.id + '"]');
    if (labelled) {
      labelled.id = labelled.id || textarea.id + "_label";
      area.setAttribute("aria-labelledby", labelled.id);
      labelled.addEventListener("click", function () { editor.s.focus(); });
    }
    var described = textarea.getAttribute("aria-describedby");
    if (described) { area.setAttribute("aria-describedby", described); }
    if (textarea.getAttribute("aria-invalid") === "true") { area.setAttribute("aria-invalid", "true"); }
    if (textarea.form) {
      textarea.form.addEventListener("submit", function () { textarea.value = clean(editor.value); });
    }
    textarea.gongkaiEditor = editor;
    keepAriaValid(editor.container);
  }

  // Jodit also sets aria-pressed on the <span> around each toolbar <button>, where ARIA does not allow
  // it (axe: aria-allowed-attr); the button itself keeps it.
  function keepAriaValid(container) {
    function fix(el) {
      if (el.getAttribute && el.hasAttribute("aria-pressed") && el.localName !== "button" &&
          el.getAttribute("role") !== "button") {
        el.removeAttribute("aria-pressed");
      }
    }
    container.querySelectorAll("[aria-pressed]").forEach(fix);
    new MutationObserver(function (records) {
      records.forEach(function (record) {
        fix(record.target);
        Array.prototype.forEach.call(record.addedNodes || [], function (node) {
          if (node.querySelectorAll) { fix(node); node.querySelectorAll("[aria-pressed]").forEach(fix); }
        });
      });
    }).observe(container, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-pressed"] });
  }

  window.GongkaiEditor = { clean: clean, wordLists: wordLists };
  document.querySelectorAll("textarea[data-rich-text]").forEach(make);
})();
