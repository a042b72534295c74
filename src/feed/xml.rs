//! RSS (0.9x, 1.0, 2.0) and Atom (0.3, 1.0) entries to [`RawArticle`]s.
//!
//! The document is read once into a shallow tree of element nodes that keep byte ranges into
//! the source rather than copies of their content: a field's value is cut out of the source only
//! when a mapping asks for it. That keeps an element's inner markup available as it was written
//! (Atom `xhtml` content, naked HTML in an RSS `<description>`), which an event stream would have
//! already taken apart. Building the tree needs only where the tags are, which a small scanner
//! of our own finds (`xml/scan.rs`), rather than an XML parser.
//!
//! Real feeds are often not well-formed XML, and a reader never sees the difference in a
//! browser, so neither may we: unknown entities are read as HTML's, end tags close the nearest
//! open element of their name (as HTML does with `<br>` inside a description), undeclared
//! `dc:`/`media:`/`content:` prefixes are taken for what they always mean, and a syntax error
//! ends the document where it occurs, keeping the entries read so far.

use std::rc::Rc;

use super::lang::{lang_of, normalize_lang};
use super::{Entry, FeedContext, FeedError, Format};
use crate::article::Loose;

mod fields;
mod scan;
mod text;
mod tree;
use fields::{Rule, ATOM_ENTRY, RSS_ITEM};
use tree::{read, Ns};
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub(super) mod wxr;

/// Parses an XML feed, giving its entries to `sink` in document order.
pub(super) fn parse(
    src: &str,
    ctx: &FeedContext,
    sink: &mut dyn FnMut(Entry),
) -> Result<(Format, Option<String>, bool), FeedError> {
    let doc = read(src, ctx.base_url);
    let root = doc
        .roots
        .first()
        .copied()
        .ok_or_else(|| FeedError::NotAFeed("no XML element found".into()))?;
    let root_node = doc.node(root);
    let (format, channel, items): (Format, Option<usize>, Vec<usize>) =
        match root_node.name.as_str() {
            "rss" => {
                let version = root_node.attr("version").unwrap_or("");
                let format = if version.starts_with("0.9") {
                    Format::Rss09
                } else {
                    Format::Rss2
                };
                let (channel, items) = doc.channel_and_items(root);
                (format, channel, items)
            }
            "rdf" => {
                let (channel, items) = doc.channel_and_items(root);
                let rss090 = |i: &usize| doc.node(*i).ns == Ns::Rss090;
                let old = items.iter().any(rss090) || channel.as_ref().is_some_and(rss090);
                (
                    if old { Format::Rss09 } else { Format::Rss1 },
                    channel,
                    items,
                )
            }
            "channel" => (Format::Rss09, Some(root), doc.children_named(root, "item")),
            "feed" => {
                let old = root_node.ns == Ns::Atom03
                    || matches!(root_node.attr("version"), Some(v) if v.starts_with("0."));
                let items = doc.children_named(root, "entry");
                (
                    if old { Format::Atom03 } else { Format::Atom1 },
                    Some(root),
                    items,
                )
            }
            other => {
                return Err(FeedError::NotAFeed(crate::cat!(
                    "the root element is <",
                    other,
                    ">, not <rss>, <rdf:RDF> or <feed>"
                )))
            }
        };
    let atom = matches!(format, Format::Atom1 | Format::Atom03);
    doc.guess_html.set(format != Format::Atom1);
    if let (None, Some(c), false) = (ctx.base_url, channel, atom) {
        let site = doc.first_text(c, &|k| k.ns.core() && k.name == "link");
        if let Some(site) = site.filter(|l| crate::article::is_http_url(l)) {
            let _ = doc.fallback_base.set(Rc::from(site.as_str()));
        }
    }
    let feed_lang = channel
        .and_then(|c| {
            let n = doc.node(c);
            doc.first_text(c, &|k| {
                matches!((k.ns, k.name.as_str()), (Ns::Dc, "language"))
                    || (k.ns.core() && k.name == "language")
            })
            .or_else(|| n.lang.as_deref().map(str::to_owned))
        })
        .or_else(|| root_node.lang.as_deref().map(str::to_owned))
        .and_then(|l| lang_of(&l));

    let table: &[Rule] = if atom { &ATOM_ENTRY } else { &RSS_ITEM };
    // For entries that name no language: the feed's, else the page's (worked out once).
    let default_lang = feed_lang
        .clone()
        .or_else(|| ctx.page_lang.map(normalize_lang));
    for item in items {
        let mut entry = doc.item(item, table);
        if entry.raw.lang.is_none() {
            entry.raw.lang = default_lang.clone().map(Loose::Text);
        }
        sink(entry);
    }
    Ok((format, feed_lang, doc.unclosed))
}
