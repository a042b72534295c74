// Entry point of the package and of the script tag: the headless API (createIndex) and the
// <related-articles> element, registered on import where there is a DOM (never during SSR).
export { createIndex, Index, loadCore } from './core.js';
export { RelatedArticlesElement } from './element.js';
