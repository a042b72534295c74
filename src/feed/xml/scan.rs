//! The tags of an XML document, found by a scanner written for what the feed reader needs.
//!
//! The reader keeps byte ranges into the source and cuts content out only when a field asks for
//! it, so all it needs from the XML is where each start, empty and end tag is, its name and its
//! raw attributes, and the internal DTD subset (for `<!ENTITY>`s). A general XML parser (it was
//! quick-xml) did much more, and this linear scan from `<` to `<` is a fraction of its wasm
//! (docs/size.md).
//!
//! It is as lenient as feed readers are: text, CDATA sections, comments and processing
//! instructions are stepped over; a `<` that does not start a name (`a < b`, `</ >`) is text;
//! `<!` followed by anything but a comment, CDATA or DOCTYPE is skipped up to its `>`; a `>`
//! inside a quoted attribute value does not end the tag; names are not checked any further.
//! Markup that runs off the end of the source (an unclosed comment, tag or quoted value) ends
//! the document where it starts: the tags before it stand, and elements still open end there
//! too, so a feed cut off in the middle of a tag does not leave half a tag in the last field. An
//! unclosed CDATA section is the exception: its text is content, so it runs to the end.

use std::ops::Range;

use crate::find::find;
use crate::find::part;

/// A piece of markup the reader acts on. Names are qualified (`dc:date`), as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tag<'s> {
    /// `<name attrs>`: the attributes as written, up to the `>`.
    Start { name: &'s str, attrs: &'s str },
    /// `<name attrs/>`: the attributes up to the `/`.
    Empty { name: &'s str, attrs: &'s str },
    /// `</name>` (anything after the name is ignored).
    End { name: &'s str },
    /// `<!DOCTYPE …>`: its text after the keyword, internal subset included.
    Doctype(&'s str),
}

/// The tags of a document in order, each with its byte range (from `<` to after `>`).
pub(super) struct Tags<'s> {
    /// The document: the source, or the part before markup that runs off its end once the scan
    /// has found that.
    src: &'s str,
    /// Where scanning resumes.
    pos: usize,
}

impl<'s> Tags<'s> {
    pub(super) fn new(src: &'s str) -> Self {
        Tags { src, pos: 0 }
    }

    /// Where the document ends, once the scan is over: the end of the source, or the `<` of
    /// markup that runs off it.
    pub(super) fn end(&self) -> usize {
        self.src.len()
    }

    /// The markup at `at` (a `<`): where it ends, and the tag if it is one the reader wants.
    /// `None` when it runs off the end of the source.
    fn markup(&self, at: usize) -> Option<(usize, Option<Tag<'s>>)> {
        let src = self.src;
        // Offsets after an ASCII byte are char boundaries, so these slices never fail on them.
        let rest = src.get(at + 1..)?;
        let name_at = |start: usize| {
            let len = src
                .as_bytes()
                .get(start..)?
                .iter()
                .position(|&c| c == b'/' || c == b'>' || c.is_ascii_whitespace())?;
            Some((src.get(start..start + len)?, start + len))
        };
        let first = *rest.as_bytes().first()?;
        match first {
            b'!' if rest.starts_with("!--") => self.skip_to(at + 4, "-->"),
            b'!' if rest.starts_with("![CDATA[") => {
                self.skip_to(at + 9, "]]>").or(Some((src.len(), None)))
            }
            b'!' if rest
                .get(1..8)
                .is_some_and(|k| k.eq_ignore_ascii_case("doctype")) =>
            {
                let gt = self.doctype_end(at + 9)?;
                Some((gt + 1, Some(Tag::Doctype(src.get(at + 9..gt)?))))
            }
            b'!' => self.skip_to(at + 2, ">"),
            b'?' => self.skip_to(at + 2, "?>"),
            b'/' if rest.as_bytes().get(1).is_some_and(|&c| name_start(c)) => {
                let (name, name_end) = name_at(at + 2)?;
                Some((self.tag_end(name_end)? + 1, Some(Tag::End { name })))
            }
            c if name_start(c) => {
                let (name, name_end) = name_at(at + 1)?;
                let gt = self.tag_end(name_end)?;
                let tag = if src.as_bytes().get(gt - 1) == Some(&b'/') {
                    Tag::Empty {
                        name,
                        attrs: src.get(name_end..gt - 1)?,
                    }
                } else {
                    Tag::Start {
                        name,
                        attrs: src.get(name_end..gt)?,
                    }
                };
                Some((gt + 1, Some(tag)))
            }
            _ => Some((at + 1, None)),
        }
    }

    /// Markup that is not a tag (a comment, CDATA, a processing instruction, a `<!…>`
    /// declaration), skipped from `from` to the end of `close`. A method rather than a closure
    /// in `markup`: measured smaller in the wasm.
    fn skip_to(&self, from: usize, close: &str) -> Option<(usize, Option<Tag<'s>>)> {
        let found = find(self.src.get(from..)?, close)?;
        Some((from + found + close.len(), None))
    }

    /// The `>` that ends a tag whose attributes start at `from`. A quote opens a value only
    /// right after `=` (as `attributes` reads them), so `don't` in a stray word does not.
    fn tag_end(&self, from: usize) -> Option<usize> {
        let bytes = self.src.as_bytes();
        let mut i = from;
        let mut value = false;
        loop {
            let b = *bytes.get(i)?;
            match b {
                b'>' => return Some(i),
                b'"' | b'\'' if value => {
                    i += 1 + bytes.get(i + 1..)?.iter().position(|&c| c == b)?
                }
                b'=' => {
                    value = true;
                    i += 1;
                    continue;
                }
                _ if b.is_ascii_whitespace() => {
                    i += 1;
                    continue;
                }
                _ => {}
            }
            value = false;
            i += 1;
        }
    }

    /// The `>` that ends a DOCTYPE whose text starts at `from`: not one in a quoted literal, nor
    /// in the `[…]` internal subset, nor in a comment or processing instruction in it.
    fn doctype_end(&self, from: usize) -> Option<usize> {
        let bytes = self.src.as_bytes();
        let after = |i: usize, close: &str| {
            let found = find(self.src.get(i..)?, close)?;
            Some(i + found + close.len() - 1)
        };
        let mut i = from;
        let mut subset = false;
        loop {
            match *bytes.get(i)? {
                q @ (b'"' | b'\'') => i += 1 + bytes.get(i + 1..)?.iter().position(|&c| c == q)?,
                b'[' => subset = true,
                b']' => subset = false,
                b'>' if !subset => return Some(i),
                b'<' if subset && bytes.get(i + 1..i + 4) == Some(b"!--") => {
                    i = after(i + 4, "-->")?
                }
                b'<' if subset && bytes.get(i + 1) == Some(&b'?') => i = after(i + 2, "?>")?,
                _ => {}
            }
            i += 1;
        }
    }
}

impl<'s> Iterator for Tags<'s> {
    type Item = (Range<usize>, Tag<'s>);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let start = self.pos + self.src.get(self.pos..)?.find('<')?;
            let Some((end, tag)) = self.markup(start) else {
                self.src = part(self.src, ..start);
                return None;
            };
            self.pos = end;
            if let Some(tag) = tag {
                return Some((start..end, tag));
            }
        }
    }
}

/// Whether a byte can start an element name: a letter, `_`, `:` or any non-ASCII character.
fn name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b':' || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::{part, Tag, Tags};

    /// The tags as compact text: `<a x>` start, `<a x/>` empty, `</a>` end, `<!DOCTYPE …>`.
    fn scan(src: &str) -> Vec<String> {
        Tags::new(src)
            .map(|(_, tag)| match tag {
                Tag::Start { name, attrs } => format!("<{name}{attrs}>"),
                Tag::Empty { name, attrs } => format!("<{name}{attrs}/>"),
                Tag::End { name } => format!("</{name}>"),
                Tag::Doctype(text) => format!("<!DOCTYPE{text}>"),
            })
            .collect()
    }

    #[test]
    fn tags_and_their_ranges() {
        let src = "<?xml version=\"1.0\"?>\n<rss a='1'><dc:date>x</dc:date ><br/><img src=x />";
        let want = [
            "<rss a='1'>",
            "<dc:date>",
            "</dc:date>",
            "<br/>",
            "<img src=x />",
        ];
        assert_eq!(scan(src), want);
        let ranges: Vec<_> = Tags::new(src).map(|(range, _)| range).collect();
        assert_eq!(ranges, [22..33, 33..42, 43..54, 54..59, 59..72]);
        assert_eq!(
            Tags::new(src).nth(3).map(|(_, tag)| tag),
            Some(Tag::Empty {
                name: "br",
                attrs: ""
            })
        );
    }

    #[test]
    fn comments_cdata_and_pis_hide_tags() {
        let src = "<a><!-- <item> --><![CDATA[</item> <b>]]><?pi <c> ?></a>";
        assert_eq!(scan(src), ["<a>", "</a>"]);
        // `-->` needs its own two dashes; `<!-->` does not close itself.
        assert_eq!(scan("<!--><x>--><y>"), ["<y>"]);
    }

    #[test]
    fn quoted_values_may_hold_gt() {
        let src = "<a href=\"x>y\" t = 'p>q'>z</a attr=\">\">";
        assert_eq!(scan(src), ["<a href=\"x>y\" t = 'p>q'>", "</a>"]);
        // A quote that does not open a value is a character like any other.
        assert_eq!(scan("<p don't>x</p>"), ["<p don't>", "</p>"]);
    }

    #[test]
    fn doctype_with_internal_subset() {
        let src = "<!DOCTYPE rss PUBLIC \"-//x>\" [<!ENTITY a \"]>\"><!-- ' > --><?p > ?>]><rss/>";
        let subset = " rss PUBLIC \"-//x>\" [<!ENTITY a \"]>\"><!-- ' > --><?p > ?>]";
        assert_eq!(scan(src), [format!("<!DOCTYPE{subset}>"), "<rss/>".into()]);
        assert_eq!(scan("<!doctype html><a>"), ["<!DOCTYPE html>", "<a>"]);
    }

    #[test]
    fn stray_lt_is_text() {
        let src = "<t>a < b <3 <= c</ t><> </></t>";
        assert_eq!(scan(src), ["<t>", "</t>"]);
        assert_eq!(scan("<é:x><_y/><:z>"), ["<é:x>", "<_y/>", "<:z>"]);
    }

    #[test]
    fn bang_junk_is_skipped() {
        assert_eq!(
            scan("<a><! junk ><![foo]><!ENTITY x 'y'></a>"),
            ["<a>", "</a>"]
        );
    }

    #[test]
    fn truncated_input_ends_the_document() {
        let broken = [
            "<",
            "<!",
            "<!-- x",
            "<?pi",
            "<!DOCTYPE x [",
            "<b",
            "<b x='>",
            "</b",
            "<b x=\"1\" /",
            "<b x=\"1\" /<c title='></c>",
        ];
        for tail in broken {
            let src = format!("<a>x{tail}");
            let mut tags = Tags::new(&src);
            let found: Vec<_> = tags.by_ref().map(|(r, _)| (r.start, r.end)).collect();
            assert_eq!(found, [(0, 3)], "{src}");
            assert_eq!(tags.end(), 4, "{src}");
            assert!(tags.next().is_none());
        }
        // An unclosed CDATA section is text to the end.
        let mut tags = Tags::new("<a><![CDATA[ x <b> ]]");
        assert_eq!(tags.by_ref().count(), 1);
        assert_eq!(tags.end(), 21);
        assert_eq!(Tags::new("").end(), 0);
    }

    #[test]
    fn never_panics_on_any_prefix() {
        let src =
            "<!DOCTYPE d [<!ENTITY é 'ü'>]><é a=\"ö>\" b='x'/><!--ü--><![CDATA[ß]]></é ><?ä?>";
        for end in (0..=src.len()).filter(|&i| src.is_char_boundary(i)) {
            let prefix = part(src, ..end);
            for (range, _) in Tags::new(prefix) {
                assert!(prefix.get(range).is_some());
            }
        }
    }
}
