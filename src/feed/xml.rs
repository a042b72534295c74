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
use super::{escape_text, Entry, FeedContext, FeedError, Format, Slot};
use crate::article::Loose;
use crate::feed::url::resolve_url;
use crate::find::find;
use crate::text::html::{decode_reference, html_to_text};

mod scan;
use scan::{Tag, Tags};
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
pub(super) mod wxr;

/// Elements deeper than this are parsed but not kept as nodes (their parents' content still
/// holds them). Entry fields are at most five levels down (`rss/channel/item/media:group/…`).
const MAX_DEPTH: usize = 16;
/// How far up the open elements an end tag looks for its start tag; bounded so that a run of
/// stray end tags stays linear.
const END_TAG_SEARCH: usize = 64;
/// Internal DTD entities kept (`<!ENTITY name "value">`), and their longest value.
const MAX_ENTITIES: usize = 256;
const MAX_ENTITY_VALUE: usize = 1024;

/// Which vocabulary an element belongs to. `Core` is the document's own: RSS (any version,
/// namespaced or not) in an RSS or RDF document, Atom in an Atom one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ns {
    Core,
    Rss090,
    Atom,
    Atom03,
    Dc,
    Dcterms,
    Content,
    Media,
    Itunes,
    Rdf,
    Xhtml,
    Other,
}

impl Ns {
    fn core(self) -> bool {
        matches!(self, Ns::Core | Ns::Rss090)
    }

    fn from_uri(uri: &str) -> Ns {
        match uri
            .trim()
            .trim_end_matches(['/', '#'])
            .to_ascii_lowercase()
            .as_str()
        {
            "http://www.w3.org/2005/atom" => Ns::Atom,
            "http://purl.org/atom/ns" => Ns::Atom03,
            "http://purl.org/dc/elements/1.1" => Ns::Dc,
            "http://purl.org/dc/terms" => Ns::Dcterms,
            "http://purl.org/rss/1.0/modules/content" => Ns::Content,
            "http://search.yahoo.com/mrss" => Ns::Media,
            "http://www.itunes.com/dtds/podcast-1.0.dtd" => Ns::Itunes,
            "http://www.w3.org/1999/02/22-rdf-syntax-ns" => Ns::Rdf,
            "http://www.w3.org/1999/xhtml" => Ns::Xhtml,
            "http://my.netscape.com/rdf/simple/0.9" => Ns::Rss090,
            "http://purl.org/rss/1.0"
            | "http://backend.userland.com/rss2"
            | "http://backend.userland.com/rss"
            | "http://blogs.law.harvard.edu/tech/rss" => Ns::Core,
            _ => Ns::Other,
        }
    }

    /// An undeclared prefix: what it conventionally names.
    fn from_prefix(prefix: &str) -> Ns {
        match prefix.to_ascii_lowercase().as_str() {
            "dc" => Ns::Dc,
            "dcterms" => Ns::Dcterms,
            "content" => Ns::Content,
            "media" => Ns::Media,
            "itunes" => Ns::Itunes,
            "atom" => Ns::Atom,
            "rdf" => Ns::Rdf,
            "xhtml" => Ns::Xhtml,
            _ => Ns::Other,
        }
    }
}

/// One element: its name, attributes, the base URL and language in force, and where its start
/// tag and content are in the source.
struct Node {
    ns: Ns,
    /// Local name, ASCII lower-case (feeds in the wild are not consistent about case).
    name: String,
    /// Attributes by local name, lower-case (`xml:base` and `xml:lang` keep their prefix).
    attrs: Vec<(String, String)>,
    base: Option<Rc<str>>,
    lang: Option<Rc<str>>,
    start: usize,
    inner: (usize, usize),
    children: Vec<usize>,
    /// Whether the content holds elements (markup), not only text and CDATA.
    has_elements: bool,
}

impl Node {
    /// Whether the `type` attribute is an image MIME type, compared without case and without
    /// allocating a lower-case copy.
    fn image_type(&self) -> bool {
        self.attr("type")
            .and_then(|t| t.as_bytes().get(..6))
            .is_some_and(|p| p.eq_ignore_ascii_case(b"image/"))
    }

    fn attr(&self, name: &str) -> Option<&str> {
        attr_in(&self.attrs, name)
    }
}

/// An attribute's value by its (lower-case) name, trimmed: for nodes, and for a start tag's
/// `xml:base` and `xml:lang` before its node exists.
fn attr_in<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.trim())
}

struct Doc<'s> {
    src: &'s str,
    /// Whether plain text that looks like HTML is HTML (everywhere but in Atom 1.0).
    guess_html: std::cell::Cell<bool>,
    /// With no base URL given, an RSS channel's own `<link>` (the site) is the base.
    fallback_base: std::cell::OnceCell<Rc<str>>,
    empty: Node,
    nodes: Vec<Node>,
    roots: Vec<usize>,
    entities: Vec<(String, String)>,
    /// Elements were still open at the end of the document (the root never closed).
    unclosed: bool,
}

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

/// Two lists of node ids in document order, merged (items directly under `<rss>` or `<rdf:RDF>`
/// and under `<channel>`).
fn merge(a: Vec<usize>, b: Vec<usize>) -> Vec<usize> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    loop {
        match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) if x < y => {
                out.push(x);
                i += 1;
            }
            (_, Some(&y)) => {
                out.push(y);
                j += 1;
            }
            (Some(&x), None) => {
                out.push(x);
                i += 1;
            }
            (None, None) => return out,
        }
    }
}

/// Where the parser is: open elements (lower-case local name, to match end tags, and the node
/// if kept), namespace declarations in scope (depth, prefix, URI), the root's namespace.
struct Scope {
    stack: Vec<(String, Option<usize>)>,
    prefixes: Vec<(usize, String, String)>,
    root_uri: Option<String>,
    initial_base: Option<Rc<str>>,
}

/// Reads the document into nodes.
fn read<'s>(src: &'s str, base_url: Option<&str>) -> Doc<'s> {
    let empty = Node {
        ns: Ns::Other,
        name: String::new(),
        attrs: Vec::new(),
        base: None,
        lang: None,
        start: 0,
        inner: (0, 0),
        children: Vec::new(),
        has_elements: false,
    };
    let mut doc = Doc {
        src,
        guess_html: std::cell::Cell::new(true),
        fallback_base: std::cell::OnceCell::new(),
        empty,
        nodes: Vec::new(),
        roots: Vec::new(),
        entities: Vec::new(),
        unclosed: false,
    };
    let mut scope = Scope {
        stack: Vec::new(),
        prefixes: Vec::new(),
        root_uri: None,
        initial_base: base_url.map(|b| Rc::from(b.trim())),
    };
    let mut tags = Tags::new(src);
    for (at, tag) in &mut tags {
        match tag {
            Tag::Start { name, attrs } => {
                let id = doc.open(name, attrs, &mut scope, at.start, at.end);
                scope.stack.push((local_lower(name), id));
            }
            Tag::Empty { name, attrs } => {
                let id = doc.open(name, attrs, &mut scope, at.start, at.end);
                if let Some(n) = id.and_then(|id| doc.nodes.get_mut(id)) {
                    n.inner = (at.end, at.end);
                }
                scope.drop_prefixes();
            }
            Tag::End { name } => {
                let name = local_lower(name);
                let found = scope
                    .stack
                    .iter()
                    .rev()
                    .take(END_TAG_SEARCH)
                    .position(|(n, _)| *n == name);
                if let Some(k) = found {
                    for _ in 0..=k {
                        if let Some((_, Some(id))) = scope.stack.pop() {
                            if let Some(n) = doc.nodes.get_mut(id) {
                                n.inner.1 = at.start;
                            }
                        }
                    }
                    scope.drop_prefixes();
                }
            }
            Tag::Doctype(text) => doc.read_entities(text),
        }
    }
    // Whatever is still open ends where the document does (or where it broke off).
    let end = tags.end();
    doc.unclosed = !scope.stack.is_empty();
    for (_, id) in scope.stack {
        if let Some(n) = id.and_then(|id| doc.nodes.get_mut(id)) {
            n.inner.1 = end.max(n.inner.0);
        }
    }
    doc
}

/// The local name (after the prefix), ASCII lower-case.
fn local_lower(qname: &str) -> String {
    split_prefix(qname).1.to_ascii_lowercase()
}

/// A qualified name's prefix, if it has one, and its local name.
fn split_prefix(qname: &str) -> (Option<&str>, &str) {
    match qname.find(':') {
        Some(colon) => (qname.get(..colon), qname.get(colon + 1..).unwrap_or("")),
        None => (None, qname),
    }
}

/// Attributes as (qualified name, raw value), leniently: unquoted values and duplicates are
/// accepted, anything unreadable is skipped.
fn attributes(raw: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = raw;
    loop {
        rest = rest.trim_start();
        let name_end = rest
            .find(|c: char| c == '=' || c == '/' || c.is_whitespace())
            .unwrap_or(rest.len());
        if name_end == 0 {
            let mut chars = rest.chars();
            if chars.next().is_none() {
                return out;
            }
            rest = chars.as_str();
            continue;
        }
        let name = rest.get(..name_end).unwrap_or("");
        rest = rest.get(name_end..).unwrap_or("").trim_start();
        let Some(value) = rest.strip_prefix('=').map(str::trim_start) else {
            out.push((name, ""));
            continue;
        };
        let (v, after) = match value.as_bytes().first() {
            Some(&q @ (b'"' | b'\'')) => {
                let body = value.get(1..).unwrap_or("");
                let end = body.find(char::from(q)).unwrap_or(body.len());
                (
                    body.get(..end).unwrap_or(""),
                    body.get(end + 1..).unwrap_or(""),
                )
            }
            _ => {
                let end = value.find(char::is_whitespace).unwrap_or(value.len());
                (
                    value.get(..end).unwrap_or(""),
                    value.get(end..).unwrap_or(""),
                )
            }
        };
        out.push((name, v));
        rest = after;
    }
}

impl Scope {
    /// Forgets the namespace declarations of elements no longer open. They were pushed in
    /// document order, so their depths ascend and the ones to drop are at the end: popped,
    /// rather than a `retain` instance scanning the list.
    fn drop_prefixes(&mut self) {
        let depth = self.stack.len();
        while self.prefixes.last().is_some_and(|p| p.0 >= depth) {
            self.prefixes.pop();
        }
    }

    /// The vocabulary of an element, by its prefix (`None` for none) and the declarations in scope.
    fn classify(&mut self, prefix: Option<&str>, is_root: bool) -> Ns {
        let want = prefix.unwrap_or("");
        let uri = self
            .prefixes
            .iter()
            .rev()
            .find(|p| p.1 == want)
            .map(|p| p.2.as_str());
        let uri = match (uri, prefix) {
            (Some(u), _) if !u.is_empty() => u,
            (None, Some(p)) => return Ns::from_prefix(p),
            _ => return Ns::Core,
        };
        let kind = Ns::from_uri(uri);
        if is_root && self.root_uri.is_none() {
            self.root_uri = Some(uri.to_owned());
            // The root's own namespace is the document's vocabulary, except RDF's.
            return if matches!(kind, Ns::Rdf | Ns::Atom03) {
                kind
            } else {
                Ns::Core
            };
        }
        // Elements in the root's namespace are the document's own (Atom in an Atom feed).
        let own = matches!(kind, Ns::Other | Ns::Atom | Ns::Atom03)
            && self.root_uri.as_deref() == Some(uri);
        if own {
            Ns::Core
        } else {
            kind
        }
    }
}

impl<'s> Doc<'s> {
    fn node(&self, id: usize) -> &Node {
        // Ids only ever come from `self.nodes`; the fallback keeps this total anyway.
        self.nodes.get(id).unwrap_or(&self.empty)
    }

    /// Records a start tag as a node (unless it is too deep), returning its id.
    fn open(
        &mut self,
        qname: &str,
        raw_attrs: &str,
        scope: &mut Scope,
        start: usize,
        inner_start: usize,
    ) -> Option<usize> {
        let depth = scope.stack.len();
        let parent = scope.stack.last().and_then(|(_, id)| *id);
        if let Some(p) = parent.and_then(|p| self.nodes.get_mut(p)) {
            p.has_elements = true;
        }
        if depth >= MAX_DEPTH || (depth > 0 && parent.is_none()) {
            return None;
        }
        let mut attrs = Vec::new();
        for (key, value) in attributes(raw_attrs) {
            let value = decode_text(value, &self.entities);
            let (prefix, local) = split_prefix(key);
            match (prefix, local) {
                (None, "xmlns") => scope.prefixes.push((depth, String::new(), value)),
                (Some("xmlns"), p) => scope.prefixes.push((depth, p.to_owned(), value)),
                // `xml:` as written (it matched exactly), so the whole name lowers the same.
                (Some("xml"), _) => attrs.push((key.to_ascii_lowercase(), value)),
                (_, l) => attrs.push((l.to_ascii_lowercase(), value)),
            }
        }
        let prefix = split_prefix(qname).0;
        let ns = scope.classify(prefix, depth == 0);
        let (parent_base, parent_lang) = match parent.and_then(|p| self.nodes.get(p)) {
            Some(p) => (p.base.clone(), p.lang.clone()),
            None => (scope.initial_base.clone(), None),
        };
        let find = |n: &str| attr_in(&attrs, n);
        let base = find("xml:base")
            .and_then(|b| match &parent_base {
                Some(p) => resolve_url(p, b),
                None => resolve_url(b, ""),
            })
            .map(Rc::from)
            .or(parent_base);
        let lang = find("xml:lang").map(Rc::from).or(parent_lang);
        let id = self.nodes.len();
        self.nodes.push(Node {
            ns,
            name: local_lower(qname),
            attrs,
            base,
            lang,
            start,
            inner: (inner_start, inner_start),
            children: Vec::new(),
            has_elements: false,
        });
        match parent.and_then(|p| self.nodes.get_mut(p)) {
            Some(p) => p.children.push(id),
            None => self.roots.push(id),
        }
        Some(id)
    }

    /// `<!ENTITY name "value">` declarations of an internal DTD subset; parameter entities and
    /// external ones are ignored, and values are not expanded recursively (no entity bombs).
    fn read_entities(&mut self, dtd: &str) {
        let mut rest = dtd;
        while let Some(at) = find(rest, "<!ENTITY") {
            rest = rest.get(at + 8..).unwrap_or("");
            let decl = rest.trim_start();
            if decl.starts_with('%') || self.entities.len() >= MAX_ENTITIES {
                continue;
            }
            let name_len = decl.find(char::is_whitespace).unwrap_or(decl.len());
            let name = decl.get(..name_len).unwrap_or("");
            let value = decl.get(name_len..).unwrap_or("").trim_start();
            let Some(&quote @ (b'"' | b'\'')) = value.as_bytes().first() else {
                continue;
            };
            let value = value.get(1..).unwrap_or("");
            let Some(end) = value.find(char::from(quote)) else {
                continue;
            };
            let value = value.get(..end).unwrap_or("");
            if !name.is_empty() && value.len() <= MAX_ENTITY_VALUE {
                self.entities
                    .push((name.to_owned(), decode_text(value, &[])));
            }
        }
    }

    fn raw(&self, n: &Node) -> &'s str {
        self.src.get(n.inner.0..n.inner.1).unwrap_or("")
    }

    /// The content as HTML: markup kept as written when there is markup, else the text with
    /// XML's escaping undone (which is HTML when the feed escaped HTML).
    fn html(&self, n: &Node) -> String {
        if n.has_elements {
            self.raw(n).to_owned()
        } else {
            decode_text(self.raw(n), &self.entities)
        }
    }

    /// The content as plain text, trimmed.
    fn text(&self, n: &Node) -> String {
        if n.has_elements {
            html_to_text(self.raw(n))
        } else {
            decode_text(self.raw(n), &self.entities).trim().to_owned()
        }
    }

    fn child(&self, id: usize, pred: impl Fn(&Node) -> bool) -> Option<usize> {
        self.node(id)
            .children
            .iter()
            .copied()
            .find(|&c| pred(self.node(c)))
    }

    /// RSS's `channel` and its items: RSS 2.0 nests them in the channel, RSS 1.0 (RDF) puts them
    /// beside it, and real feeds do either; both are taken, in document order.
    fn channel_and_items(&self, root: usize) -> (Option<usize>, Vec<usize>) {
        let channel = self.child(root, |n| n.ns.core() && n.name == "channel");
        let inside = channel
            .map(|c| self.children_named(c, "item"))
            .unwrap_or_default();
        (channel, merge(self.children_named(root, "item"), inside))
    }

    fn children_named(&self, id: usize, name: &str) -> Vec<usize> {
        let mut out = Vec::new();
        for &c in &self.node(id).children {
            if self.node(c).name == name {
                out.push(c);
            }
        }
        out
    }

    /// The first non-empty text among the children that `pred` accepts. The predicate is a
    /// `&dyn Fn`: one copy of this for all its callers rather than one per closure.
    fn first_text(&self, id: usize, pred: &dyn Fn(&Node) -> bool) -> Option<String> {
        for &c in &self.node(id).children {
            let n = self.node(c);
            if pred(n) {
                let text = self.text(n);
                if !text.is_empty() {
                    return Some(text);
                }
            }
        }
        None
    }

    /// The URL in an attribute, resolved.
    fn attr_url(&self, n: &Node, name: &str) -> Option<String> {
        self.url(n, n.attr(name)?)
    }

    /// A URL attribute or text, resolved against the element's base.
    fn url(&self, n: &Node, value: &str) -> Option<String> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        Some(match n.base.as_ref().or(self.fallback_base.get()) {
            Some(base) => resolve_url(base, value).unwrap_or_else(|| value.to_owned()),
            None => value.to_owned(),
        })
    }

    /// An Atom text construct (`title`, `summary`, `content`) as HTML for `html_to_text`, by its
    /// `type`: Atom 1.0's `text`, `html`, `xhtml`, or a MIME type (any but text and XML ones is
    /// base64, RFC 4287 section 4.1.3.3); Atom 0.3's MIME types and `mode="base64"`. Outside Atom
    /// 1.0, plain text that looks like HTML is taken for HTML, as feed readers do: Atom 0.3 feeds
    /// mislabel it routinely. `None` for out-of-line (`src`) or binary content.
    fn atom_html(&self, n: &Node) -> Option<String> {
        if n.attr("src").is_some() {
            return None;
        }
        let ty = n.attr("type").unwrap_or("").to_ascii_lowercase();
        let xml = ty == "xhtml" || ty.ends_with("/xml") || ty.ends_with("+xml");
        let html = ty == "html" || ty == "text/html" || xml;
        let textual = html || matches!(ty.as_str(), "" | "text") || ty.starts_with("text/");
        let base64 = !textual
            || n.attr("mode")
                .is_some_and(|m| m.eq_ignore_ascii_case("base64"));
        if base64 {
            let bytes = decode_base64(&decode_text(self.raw(n), &self.entities))?;
            let body = String::from_utf8(bytes).ok()?;
            return Some(if html || looks_like_html(&body) {
                body
            } else {
                escape_text(&body)
            });
        }
        if n.has_elements {
            return Some(self.raw(n).to_owned());
        }
        let body = decode_text(self.raw(n), &self.entities);
        Some(
            if html || (self.guess_html.get() && looks_like_html(&body)) {
                body
            } else {
                escape_text(&body)
            },
        )
    }

    /// Media RSS: an image from `media:thumbnail` or an image `media:content`, and a title and
    /// description as fallbacks, also inside `media:group` and `media:content`.
    fn media(&self, n: &Node, f: &mut Fields) {
        match n.name.as_str() {
            "thumbnail" => f.image.offer(0, self.attr_url(n, "url")),
            "title" | "description" => {
                let value = match n.attr("type") {
                    Some(t) if t.eq_ignore_ascii_case("html") => self.html(n),
                    _ => escape_text(&self.text(n)),
                };
                if n.name == "title" {
                    f.title.offer(3, Some(value));
                } else {
                    f.summary.offer(5, Some(value));
                }
            }
            "content" | "group" => {
                let is_image = n
                    .attr("medium")
                    .is_some_and(|m| m.eq_ignore_ascii_case("image"))
                    || n.image_type();
                if n.name == "content" && is_image {
                    f.image.offer(1, self.attr_url(n, "url"));
                }
                for &c in &n.children {
                    if self.node(c).ns == Ns::Media {
                        self.media(self.node(c), f);
                    }
                }
            }
            _ => {}
        }
    }

    /// An item or entry: each child looked up in the format's mapping table, its value read
    /// by the table's kind and offered to the field at the table's rank.
    fn item(&self, item: usize, table: &[Rule]) -> Entry {
        let node = self.node(item);
        let mut f = Fields::default();
        for &c in &node.children {
            let n = self.node(c);
            let ns = if n.ns.core() { Ns::Core } else { n.ns };
            if ns == Ns::Media {
                self.media(n, &mut f);
                continue;
            }
            let Some(&(_, _, field, rank, kind)) =
                table.iter().find(|r| r.0 == ns && r.1 == n.name)
            else {
                continue;
            };
            let value = match kind {
                Kind::Html => Some(self.html(n)),
                Kind::AtomText => self.atom_html(n),
                Kind::Text => Some(self.text(n)),
                Kind::PlainText => Some(escape_text(&self.text(n))),
                Kind::Link => match n.attr("href") {
                    Some(href) => self.url(n, href),
                    None => self.url(n, &self.text(n)),
                },
                Kind::Href => self.attr_url(n, "href"),
                Kind::AtomCategory => Some(
                    n.attr("label")
                        .filter(|l| !l.is_empty())
                        .or(n.attr("term"))
                        .unwrap_or("")
                        .to_owned(),
                ),
                Kind::ImageEnclosure if n.image_type() => self.attr_url(n, "url"),
                Kind::ImageEnclosure => None,
                Kind::RssImage => {
                    let url = self
                        .first_text(c, &|k| k.name == "url")
                        .unwrap_or_else(|| self.text(n));
                    self.url(n, &url).filter(|u| crate::article::is_http_url(u))
                }
                Kind::AtomLink => {
                    self.atom_link(n, &mut f);
                    None
                }
                Kind::Guid => {
                    let guid = self.text(n);
                    if !n
                        .attr("ispermalink")
                        .is_some_and(|p| p.eq_ignore_ascii_case("false"))
                    {
                        f.url.offer(
                            3,
                            self.url(n, &guid)
                                .filter(|u| crate::article::is_http_url(u)),
                        );
                    }
                    Some(guid)
                }
            };
            // The slot is chosen, then offered to in one place.
            let slot = match field {
                Field::Id => &mut f.id,
                Field::Url => &mut f.url,
                Field::Title => &mut f.title,
                Field::Summary => &mut f.summary,
                Field::Content => &mut f.content,
                Field::Lang => &mut f.lang,
                Field::Image => &mut f.image,
                Field::Category => {
                    f.categories.extend(value);
                    continue;
                }
                Field::Date => {
                    f.dates.extend(value.map(|v| (rank, v)));
                    continue;
                }
            };
            slot.offer(rank, value);
        }
        // CDF items and RSS 1.0 items name their URL in attributes.
        f.url.offer(4, self.attr_url(node, "href"));
        f.id.offer(2, node.attr("about").map(str::to_owned));
        self.finish(node, f)
    }

    /// An Atom `<link>`: `rel="alternate"` (the default) is the entry's URL, preferring
    /// `type="text/html"`; any other link is a fallback; an image enclosure is an image.
    fn atom_link(&self, n: &Node, f: &mut Fields) {
        let rel = n.attr("rel").unwrap_or("alternate").to_ascii_lowercase();
        let ty = n.attr("type").unwrap_or("").to_ascii_lowercase();
        let href = self.attr_url(n, "href");
        match rel.as_str() {
            "alternate" | "http://www.iana.org/assignments/relation/alternate" => {
                let html = ty.is_empty() || ty == "text/html" || ty == "application/xhtml+xml";
                f.url.offer(if html { 1 } else { 2 }, href);
            }
            "enclosure" if ty.starts_with("image/") => f.image.offer(2, href),
            _ => f.url.offer(5, href),
        }
    }

    /// The fields of an item or entry, as a record.
    fn finish(&self, node: &Node, f: Fields) -> Entry {
        let lang = f
            .lang
            .take()
            .or_else(|| node.lang.as_deref().map(str::to_owned));
        let lang = lang.and_then(|l| lang_of(&l));
        super::entry(super::Parts {
            id: f.id.take(),
            url: f.url.take(),
            title: f.title.take(),
            summary: f.summary.take(),
            content: f.content.take(),
            categories: f.categories,
            dates: f.dates,
            lang,
            image: f.image.take(),
            line_offset: node.start,
        })
    }
}

/// Which field an element feeds.
#[derive(Clone, Copy)]
enum Field {
    Id,
    Url,
    Title,
    Summary,
    Content,
    Category,
    Date,
    Lang,
    Image,
}

/// How an element's value is read.
#[derive(Clone, Copy)]
enum Kind {
    /// Content as HTML (escaped HTML, CDATA, or naked markup).
    Html,
    /// An Atom text construct (by its `type`).
    AtomText,
    /// Plain text, for fields that are not reduced from HTML (ids, dates, languages).
    Text,
    /// Plain text for a field that is reduced from HTML: escaped so it survives as written.
    PlainText,
    /// A URL in `href` or the text, resolved.
    Link,
    /// A URL in `href`, resolved.
    Href,
    AtomLink,
    AtomCategory,
    Guid,
    ImageEnclosure,
    RssImage,
}

/// (vocabulary, element, field, rank: lower wins, kind).
type Rule = (Ns, &'static str, Field, u8, Kind);

/// RSS 0.9x/1.0/2.0 items, with the Dublin Core, content, iTunes and Atom elements they carry.
const RSS_ITEM: [Rule; 36] = [
    (Ns::Core, "title", Field::Title, 0, Kind::Html),
    (Ns::Dc, "title", Field::Title, 1, Kind::Html),
    (Ns::Atom, "title", Field::Title, 2, Kind::AtomText),
    (Ns::Core, "summary", Field::Summary, 0, Kind::Html),
    (Ns::Core, "description", Field::Summary, 0, Kind::Html),
    (Ns::Core, "abstract", Field::Summary, 0, Kind::Html),
    (Ns::Atom, "summary", Field::Summary, 2, Kind::AtomText),
    (Ns::Dc, "description", Field::Summary, 3, Kind::Html),
    (Ns::Itunes, "summary", Field::Summary, 4, Kind::PlainText),
    (Ns::Itunes, "subtitle", Field::Summary, 4, Kind::PlainText),
    (Ns::Content, "encoded", Field::Content, 0, Kind::Html),
    (Ns::Atom, "content", Field::Content, 1, Kind::AtomText),
    (Ns::Xhtml, "body", Field::Content, 2, Kind::Html),
    (Ns::Xhtml, "div", Field::Content, 2, Kind::Html),
    (Ns::Core, "body", Field::Content, 3, Kind::Html),
    (Ns::Core, "fullitem", Field::Content, 3, Kind::Html),
    (Ns::Core, "link", Field::Url, 0, Kind::Link),
    (Ns::Atom, "link", Field::Url, 1, Kind::AtomLink),
    (Ns::Core, "guid", Field::Id, 0, Kind::Guid),
    (Ns::Dc, "identifier", Field::Id, 1, Kind::Text),
    (Ns::Atom, "id", Field::Id, 1, Kind::Text),
    (Ns::Core, "category", Field::Category, 0, Kind::Text),
    (Ns::Dc, "subject", Field::Category, 0, Kind::Text),
    (Ns::Atom, "category", Field::Category, 0, Kind::AtomCategory),
    (Ns::Core, "pubdate", Field::Date, 0, Kind::Text),
    (Ns::Dc, "date", Field::Date, 1, Kind::Text),
    (Ns::Atom, "published", Field::Date, 2, Kind::Text),
    (Ns::Dcterms, "issued", Field::Date, 3, Kind::Text),
    (Ns::Dcterms, "created", Field::Date, 3, Kind::Text),
    (Ns::Atom, "updated", Field::Date, 4, Kind::Text),
    (Ns::Dcterms, "modified", Field::Date, 4, Kind::Text),
    (Ns::Dc, "language", Field::Lang, 0, Kind::Text),
    (Ns::Core, "language", Field::Lang, 0, Kind::Text),
    (Ns::Core, "enclosure", Field::Image, 2, Kind::ImageEnclosure),
    (Ns::Itunes, "image", Field::Image, 3, Kind::Href),
    (Ns::Core, "image", Field::Image, 4, Kind::RssImage),
];

/// Atom 0.3/1.0 entries (`Core` is Atom here), with the Dublin Core and content elements seen
/// in them.
const ATOM_ENTRY: [Rule; 18] = [
    (Ns::Core, "title", Field::Title, 0, Kind::AtomText),
    (Ns::Dc, "title", Field::Title, 1, Kind::Html),
    (Ns::Core, "summary", Field::Summary, 0, Kind::AtomText),
    (Ns::Dc, "description", Field::Summary, 1, Kind::Html),
    (Ns::Core, "content", Field::Content, 0, Kind::AtomText),
    (Ns::Content, "encoded", Field::Content, 1, Kind::Html),
    (Ns::Core, "link", Field::Url, 1, Kind::AtomLink),
    (Ns::Core, "id", Field::Id, 0, Kind::Text),
    (Ns::Dc, "identifier", Field::Id, 1, Kind::Text),
    (Ns::Core, "category", Field::Category, 0, Kind::AtomCategory),
    (Ns::Dc, "subject", Field::Category, 0, Kind::Text),
    (Ns::Core, "published", Field::Date, 0, Kind::Text),
    (Ns::Core, "issued", Field::Date, 1, Kind::Text),
    (Ns::Core, "created", Field::Date, 2, Kind::Text),
    (Ns::Dc, "date", Field::Date, 3, Kind::Text),
    (Ns::Core, "updated", Field::Date, 4, Kind::Text),
    (Ns::Core, "modified", Field::Date, 5, Kind::Text),
    (Ns::Dc, "language", Field::Lang, 0, Kind::Text),
];

/// The fields of an item as they are found, each keeping its best candidate.
#[derive(Default)]
struct Fields {
    id: Slot,
    url: Slot,
    title: Slot,
    summary: Slot,
    content: Slot,
    categories: Vec<String>,
    dates: Vec<(u8, String)>,
    lang: Slot,
    image: Slot,
}

/// Decodes XML text: character and entity references (XML's five, the HTML names feeds use,
/// the document's own `<!ENTITY>`s), CDATA sections kept verbatim, comments and processing
/// instructions dropped. A `&` or `<` that starts none of these is kept as text.
fn decode_text(raw: &str, entities: &[(String, String)]) -> String {
    if raw.find(['&', '<']).is_none() {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(pos) = rest.find(['&', '<']) {
        out.push_str(rest.get(..pos).unwrap_or(""));
        let tail = rest.get(pos..).unwrap_or("");
        if tail.starts_with('&') {
            let (decoded, used) = decode_reference(tail);
            if let Some(text) = decoded {
                out.push_str(&text);
                rest = tail.get(used..).unwrap_or("");
                continue;
            }
            let custom = entities.iter().find(|(name, _)| {
                tail.get(1..)
                    .and_then(|t| t.strip_prefix(name.as_str()))
                    .is_some_and(|t| t.starts_with(';'))
            });
            match custom {
                Some((name, value)) => {
                    out.push_str(value);
                    rest = tail.get(name.len() + 2..).unwrap_or("");
                }
                None => {
                    out.push('&');
                    rest = tail.get(1..).unwrap_or("");
                }
            }
        } else if let Some(cdata) = tail.strip_prefix("<![CDATA[") {
            let end = find(cdata, "]]>").unwrap_or(cdata.len());
            out.push_str(cdata.get(..end).unwrap_or(""));
            rest = cdata.get(end + 3..).unwrap_or("");
        } else if let Some(comment) = tail.strip_prefix("<!--") {
            rest = find(comment, "-->")
                .and_then(|e| comment.get(e + 3..))
                .unwrap_or("");
        } else if let Some(pi) = tail.strip_prefix("<?") {
            rest = find(pi, "?>").and_then(|e| pi.get(e + 2..)).unwrap_or("");
        } else {
            out.push('<');
            rest = tail.get(1..).unwrap_or("");
        }
    }
    out.push_str(rest);
    out
}

/// Whether plain text looks like HTML: it has an end tag (`</p>`) or a character reference.
/// One pass over the bytes for both (both start with an ASCII byte).
fn looks_like_html(s: &str) -> bool {
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        let rest = b.get(i + 1..).unwrap_or(&[]);
        let (name, close, max) = match c {
            b'<' => match rest.strip_prefix(b"/") {
                Some(name) => (name, b'>', usize::MAX),
                None => continue,
            },
            b'&' => (rest.strip_prefix(b"#").unwrap_or(rest), b';', 32),
            _ => continue,
        };
        let mut len = 0;
        while len < max && name.get(len).is_some_and(u8::is_ascii_alphanumeric) {
            len += 1;
        }
        if len > 0 && name.get(len) == Some(&close) {
            return true;
        }
    }
    false
}

/// Standard base64 (whitespace ignored, padding optional); `None` when it is not base64.
fn decode_base64(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            c if c.is_ascii_whitespace() => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}
