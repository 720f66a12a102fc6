import path from 'node:path';

/** The repository root, whether run from source (tsx, jest) or elsewhere: this file is src/server/pages/paths.ts. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const TEMPLATES = path.join(ROOT, 'src', 'server', 'pages', 'templates');
/** GOV.UK Frontend's dist folder: its Nunjucks macros (`govuk/…`), scripts and assets. */
export const GOVUK_DIST = path.join(ROOT, 'node_modules', 'govuk-frontend', 'dist');
