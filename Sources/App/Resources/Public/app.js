// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
  // Change language as soon as one is picked; the button stays for those without JavaScript.
  var language = document.getElementById("language-select");
  if (language && language.form) {
    language.addEventListener("change", function () { language.form.submit(); });
  }
});
