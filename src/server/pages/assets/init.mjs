// Starts GOV.UK Frontend's components. A file, not an inline script, so a strict Content Security
// Policy (script-src 'self') allows it; it also sets the body classes the template's inline script would.
import { initAll } from '/assets/govuk-frontend.min.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
