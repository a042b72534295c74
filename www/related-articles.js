// Entry point of the package and of the script tag. The <related-articles> element is added by
// the widget work; until then this module is the headless API only.
export { createIndex, Index, loadCore } from './core.js';
