//! Mapping elements to fields: which element of RSS or Atom (and the vocabularies they carry)
//! feeds which field of an entry, and how its value is read.

use super::text::{decode_base64, decode_text, looks_like_html};
use super::tree::{Doc, Node, Ns};
use crate::feed::lang::lang_of;
use crate::feed::url::resolve_url;
use crate::feed::{entry, escape_text, Entry, Parts, Slot};

impl<'s> Doc<'s> {
    /// The URL in an attribute, resolved.
    pub(super) fn attr_url(&self, n: &Node, name: &str) -> Option<String> {
        self.url(n, n.attr(name)?)
    }

    /// A URL attribute or text, resolved against the element's base.
    pub(super) fn url(&self, n: &Node, value: &str) -> Option<String> {
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
    pub(super) fn atom_html(&self, n: &Node) -> Option<String> {
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
    pub(super) fn media(&self, n: &Node, f: &mut Fields) {
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
    pub(super) fn item(&self, item: usize, table: &[Rule]) -> Entry {
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
    pub(super) fn atom_link(&self, n: &Node, f: &mut Fields) {
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
    pub(super) fn finish(&self, node: &Node, f: Fields) -> Entry {
        let lang = f
            .lang
            .take()
            .or_else(|| node.lang.as_deref().map(str::to_owned));
        let lang = lang.and_then(|l| lang_of(&l));
        entry(Parts {
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
pub(super) enum Field {
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
pub(super) enum Kind {
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
pub(super) type Rule = (Ns, &'static str, Field, u8, Kind);

/// RSS 0.9x/1.0/2.0 items, with the Dublin Core, content, iTunes and Atom elements they carry.
pub(super) const RSS_ITEM: [Rule; 36] = [
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
pub(super) const ATOM_ENTRY: [Rule; 18] = [
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
pub(super) struct Fields {
    pub(super) id: Slot,
    pub(super) url: Slot,
    pub(super) title: Slot,
    pub(super) summary: Slot,
    pub(super) content: Slot,
    pub(super) categories: Vec<String>,
    pub(super) dates: Vec<(u8, String)>,
    pub(super) lang: Slot,
    pub(super) image: Slot,
}
