// Entry point of the package and of the script tag: the headless API of ./core.js (createIndex,
// indexFeed, Index, loadCore, parseFeed) and the <related-articles> element,
// registered on import where there is a DOM (never during SSR).
export * from './core.js';
export { RelatedArticlesElement } from './element.js';
