// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
  // Change language as soon as one is picked; the button stays for those without JavaScript.
  var language = document.getElementById("language-select");
  if (language && language.form) {
    language.addEventListener("change", function () { language.form.submit(); });
  }
  // Narrow the listed people while typing; "Find" still asks the server for everyone in the leader's units.
  var search = document.getElementById("people-q");
  var people = document.querySelectorAll(".people-list li[data-name]");
  if (search && people.length) {
    search.addEventListener("input", function () {
      var wanted = search.value.trim().toLocaleLowerCase();
      people.forEach(function (item) {
        var ticked = item.querySelector("input:checked");
        var name = (item.getAttribute("data-name") || "").toLocaleLowerCase();
        item.hidden = !ticked && wanted !== "" && name.indexOf(wanted) === -1;
      });
    });
  }
});
