/* Bildungsmonitor: accessibility repairs for Dash 4 core components (all pages).
 *
 * axe-core finds these in dash 4.4's own markup (tests/integration/test_a11y_browser.py):
 * - RadioItems/Checklist render native radio/checkbox inputs inside role="option"
 *   labels of a role="listbox": interactive controls nested in interactive
 *   roles, and a listbox without a name. The native inputs already say it all,
 *   so the extra roles are removed (the group is named by its fieldset/legend
 *   or aria-labelledby on the wrapper).
 * - Slider: the number box and the thumb have no accessible name; they get
 *   the name of the nearest wrapper with aria-labelledby / aria-label.
 * - Dropdown: keyboard focus lands on an <input aria-hidden="true">, so screen
 *   readers hear nothing. It becomes a named, read-only combobox that mirrors
 *   the button's aria-expanded.
 * Idempotent; runs whenever Dash changes the DOM.
 */
(function () {
  "use strict";
  var uid = 0;

  function ensureId(el, stem) {
    if (!el.id) el.id = "bm-a11y-" + stem + "-" + ++uid;
    return el.id;
  }

  function nameSource(el) {
    var holder = el.closest("[aria-labelledby], [aria-label]");
    if (!holder) return null;
    return holder.hasAttribute("aria-labelledby")
      ? { attr: "aria-labelledby", value: holder.getAttribute("aria-labelledby") }
      : { attr: "aria-label", value: holder.getAttribute("aria-label") };
  }

  function fixOptionLists(root) {
    root.querySelectorAll('.dash-options-list[role="listbox"]').forEach(function (list) {
      if (!list.querySelector('input[type="radio"], input[type="checkbox"]')) return;
      list.removeAttribute("role");
      list.querySelectorAll('[role="option"]').forEach(function (option) {
        option.removeAttribute("role");
        option.removeAttribute("aria-selected");
      });
    });
  }

  function fixSliders(root) {
    root.querySelectorAll(".dash-slider-container").forEach(function (slider) {
      var source = nameSource(slider);
      if (!source) return;
      slider.querySelectorAll('input.dash-range-slider-input, [role="slider"]').forEach(function (control) {
        if (!control.hasAttribute("aria-labelledby") && !control.hasAttribute("aria-label")) {
          control.setAttribute(source.attr, source.value);
        }
      });
    });
  }

  function fixDropdowns(root) {
    root.querySelectorAll("input.dash-dropdown-focus-target").forEach(function (input) {
      var button = input.parentElement && input.parentElement.querySelector("button.dash-dropdown");
      if (!button) return;
      if (input.getAttribute("aria-hidden") === "true") {
        input.removeAttribute("aria-hidden");
        input.setAttribute("role", "combobox");
        input.setAttribute("aria-haspopup", "listbox");
        var ids = [];
        if (button.id) {
          var label = document.querySelector('label[for="' + CSS.escape(button.id) + '"]');
          if (label) ids.push(ensureId(label, "label"));
        }
        (button.getAttribute("aria-labelledby") || "").split(/\s+/).forEach(function (id) {
          if (id && document.getElementById(id)) ids.push(id);
        });
        if (ids.length) input.setAttribute("aria-labelledby", ids.join(" "));
        else {
          var source = nameSource(input.parentElement);
          if (source) input.setAttribute(source.attr, source.value);
        }
      }
      var expanded = button.getAttribute("aria-expanded") || "false";
      if (input.getAttribute("aria-expanded") !== expanded) input.setAttribute("aria-expanded", expanded);
    });
  }

  var pending = false;
  function repair() {
    pending = false;
    fixOptionLists(document);
    fixSliders(document);
    fixDropdowns(document);
  }

  new MutationObserver(function () {
    if (!pending) {
      pending = true;
      (window.requestAnimationFrame || setTimeout)(repair);
    }
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["role", "aria-hidden", "aria-expanded"],
  });
  document.addEventListener("DOMContentLoaded", repair);
})();
