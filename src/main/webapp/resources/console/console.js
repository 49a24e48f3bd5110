/*
 * Token Warden console: copies a secret shown once (an onboarding link, an API key) from its
 * read-only field and says "Copied" beside the button, in the row's live region, so a screen
 * reader hears it too. One function for every such field.
 */
var TokenWarden = window.TokenWarden || {};
TokenWarden.copy = function (inputId, button) {
  var input = document.getElementById(inputId);
  var row = button.closest('.tw-copy-row');
  var status = row ? row.querySelector('.tw-copied') : null;
  var say = function (text) {
    if (status) {
      status.textContent = text;
    }
  };
  var fallback = function () {
    input.select();
    say(document.execCommand('copy') ? 'Copied' : 'Select the text and copy it (Ctrl+C)');
  };
  input.select();
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(input.value).then(function () {
      say('Copied');
    }, fallback);
  } else {
    fallback();
  }
};
window.TokenWarden = TokenWarden;
