//! Building the tree: the document read once into element nodes that keep byte ranges into the
//! source, with their namespaces, base URLs and languages, and the walks the mappings use.

use std::rc::Rc;

use super::scan::{Tag, Tags};
use super::text::decode_text;
use crate::feed::url::resolve_url;
use crate::find::find;
use crate::find::part;
use crate::text::html::html_to_text;

/// Elements deeper than this are parsed but not kept as nodes (their parents' content still
/// holds them). Entry fields are at most five levels down (`rss/channel/item/media:group/…`).
pub(super) const MAX_DEPTH: usize = 16;
/// How far up the open elements an end tag looks for its start tag; bounded so that a run of
/// stray end tags stays linear.
pub(super) const END_TAG_SEARCH: usize = 64;
/// Internal DTD entities kept (`<!ENTITY name "value">`), and their longest value.
pub(super) const MAX_ENTITIES: usize = 256;
pub(super) const MAX_ENTITY_VALUE: usize = 1024;

/// Which vocabulary an element belongs to. `Core` is the document's own: RSS (any version,
/// namespaced or not) in an RSS or RDF document, Atom in an Atom one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ns {
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
    pub(super) fn core(self) -> bool {
        matches!(self, Ns::Core | Ns::Rss090)
    }

    pub(super) fn from_uri(uri: &str) -> Ns {
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
    pub(super) fn from_prefix(prefix: &str) -> Ns {
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
pub(super) struct Node {
    pub(super) ns: Ns,
    /// Local name, ASCII lower-case (feeds in the wild are not consistent about case).
    pub(super) name: String,
    /// Attributes by local name, lower-case (`xml:base` and `xml:lang` keep their prefix).
    pub(super) attrs: Vec<(String, String)>,
    pub(super) base: Option<Rc<str>>,
    pub(super) lang: Option<Rc<str>>,
    pub(super) start: usize,
    pub(super) inner: (usize, usize),
    pub(super) children: Vec<usize>,
    /// Whether the content holds elements (markup), not only text and CDATA.
    pub(super) has_elements: bool,
}

impl Node {
    /// Whether the `type` attribute is an image MIME type, compared without case and without
    /// allocating a lower-case copy.
    pub(super) fn image_type(&self) -> bool {
        self.attr("type")
            .and_then(|t| t.as_bytes().get(..6))
            .is_some_and(|p| p.eq_ignore_ascii_case(b"image/"))
    }

    pub(super) fn attr(&self, name: &str) -> Option<&str> {
        attr_in(&self.attrs, name)
    }
}

/// An attribute's value by its (lower-case) name, trimmed: for nodes, and for a start tag's
/// `xml:base` and `xml:lang` before its node exists.
pub(super) fn attr_in<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.trim())
}

pub(super) struct Doc<'s> {
    pub(super) src: &'s str,
    /// Whether plain text that looks like HTML is HTML (everywhere but in Atom 1.0).
    pub(super) guess_html: std::cell::Cell<bool>,
    /// With no base URL given, an RSS channel's own `<link>` (the site) is the base.
    pub(super) fallback_base: std::cell::OnceCell<Rc<str>>,
    pub(super) empty: Node,
    pub(super) nodes: Vec<Node>,
    pub(super) roots: Vec<usize>,
    pub(super) entities: Vec<(String, String)>,
    /// Elements were still open at the end of the document (the root never closed).
    pub(super) unclosed: bool,
}

/// Where the parser is: open elements (lower-case local name, to match end tags, and the node
/// if kept), namespace declarations in scope (depth, prefix, URI), the root's namespace.
pub(super) struct Scope {
    pub(super) stack: Vec<(String, Option<usize>)>,
    pub(super) prefixes: Vec<(usize, String, String)>,
    pub(super) root_uri: Option<String>,
    pub(super) initial_base: Option<Rc<str>>,
}

/// Reads the document into nodes.
pub(super) fn read<'s>(src: &'s str, base_url: Option<&str>) -> Doc<'s> {
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
pub(super) fn local_lower(qname: &str) -> String {
    split_prefix(qname).1.to_ascii_lowercase()
}

/// A qualified name's prefix, if it has one, and its local name.
pub(super) fn split_prefix(qname: &str) -> (Option<&str>, &str) {
    match qname.find(':') {
        Some(colon) => (qname.get(..colon), part(qname, colon + 1..)),
        None => (None, qname),
    }
}

/// Attributes as (qualified name, raw value), leniently: unquoted values and duplicates are
/// accepted, anything unreadable is skipped.
pub(super) fn attributes(raw: &str) -> Vec<(&str, &str)> {
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
        let name = part(rest, ..name_end);
        rest = part(rest, name_end..).trim_start();
        let Some(value) = rest.strip_prefix('=').map(str::trim_start) else {
            out.push((name, ""));
            continue;
        };
        let (v, after) = match value.as_bytes().first() {
            Some(&q @ (b'"' | b'\'')) => {
                let body = part(value, 1..);
                let end = body.find(char::from(q)).unwrap_or(body.len());
                (part(body, ..end), part(body, end + 1..))
            }
            _ => {
                let end = value.find(char::is_whitespace).unwrap_or(value.len());
                (part(value, ..end), part(value, end..))
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
    pub(super) fn drop_prefixes(&mut self) {
        let depth = self.stack.len();
        while self.prefixes.last().is_some_and(|p| p.0 >= depth) {
            self.prefixes.pop();
        }
    }

    /// The vocabulary of an element, by its prefix (`None` for none) and the declarations in scope.
    pub(super) fn classify(&mut self, prefix: Option<&str>, is_root: bool) -> Ns {
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
    pub(super) fn node(&self, id: usize) -> &Node {
        // Ids only ever come from `self.nodes`; the fallback keeps this total anyway.
        self.nodes.get(id).unwrap_or(&self.empty)
    }

    /// Records a start tag as a node (unless it is too deep), returning its id.
    pub(super) fn open(
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
    pub(super) fn read_entities(&mut self, dtd: &str) {
        let mut rest = dtd;
        while let Some(at) = find(rest, "<!ENTITY") {
            rest = part(rest, at + 8..);
            let decl = rest.trim_start();
            if decl.starts_with('%') || self.entities.len() >= MAX_ENTITIES {
                continue;
            }
            let name_len = decl.find(char::is_whitespace).unwrap_or(decl.len());
            let name = part(decl, ..name_len);
            let value = part(decl, name_len..).trim_start();
            let Some(&quote @ (b'"' | b'\'')) = value.as_bytes().first() else {
                continue;
            };
            let value = part(value, 1..);
            let Some(end) = value.find(char::from(quote)) else {
                continue;
            };
            let value = part(value, ..end);
            if !name.is_empty() && value.len() <= MAX_ENTITY_VALUE {
                self.entities
                    .push((name.to_owned(), decode_text(value, &[])));
            }
        }
    }

    pub(super) fn raw(&self, n: &Node) -> &'s str {
        part(self.src, n.inner.0..n.inner.1)
    }

    /// The content as HTML: markup kept as written when there is markup, else the text with
    /// XML's escaping undone (which is HTML when the feed escaped HTML).
    pub(super) fn html(&self, n: &Node) -> String {
        if n.has_elements {
            self.raw(n).to_owned()
        } else {
            decode_text(self.raw(n), &self.entities)
        }
    }

    /// The content as plain text, trimmed.
    pub(super) fn text(&self, n: &Node) -> String {
        if n.has_elements {
            html_to_text(self.raw(n))
        } else {
            decode_text(self.raw(n), &self.entities).trim().to_owned()
        }
    }

    pub(super) fn child(&self, id: usize, pred: impl Fn(&Node) -> bool) -> Option<usize> {
        self.node(id)
            .children
            .iter()
            .copied()
            .find(|&c| pred(self.node(c)))
    }

    /// RSS's `channel` and its items: RSS 2.0 nests them in the channel, RSS 1.0 (RDF) puts them
    /// beside it, and real feeds do either; both are taken, in document order.
    pub(super) fn channel_and_items(&self, root: usize) -> (Option<usize>, Vec<usize>) {
        let channel = self.child(root, |n| n.ns.core() && n.name == "channel");
        let inside = channel
            .map(|c| self.children_named(c, "item"))
            .unwrap_or_default();
        (channel, merge(self.children_named(root, "item"), inside))
    }

    pub(super) fn children_named(&self, id: usize, name: &str) -> Vec<usize> {
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
    pub(super) fn first_text(&self, id: usize, pred: &dyn Fn(&Node) -> bool) -> Option<String> {
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
