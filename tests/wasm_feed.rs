//! `parseFeed` in wasm, where decoding goes through the JS engine's `TextDecoder` and JSON
//! through `JSON.parse` (paths the native tests never take): `wasm-pack test --node`, or
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test --target
//! wasm32-unknown-unknown --test wasm_feed`.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use js_sys::{Array, Object, Reflect};
use related_articles::wasm::parse_feed;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn text(v: &JsValue, key: &str) -> String {
    get(v, key).as_string().unwrap_or_default()
}

fn list(v: &JsValue, key: &str) -> Array {
    get(v, key).dyn_into().unwrap()
}

fn parse(
    bytes: &[u8],
    content_type: Option<&str>,
    base_url: Option<&str>,
    page_lang: Option<&str>,
) -> JsValue {
    parse_feed(
        bytes,
        content_type.map(str::to_owned),
        base_url.map(str::to_owned),
        page_lang.map(str::to_owned),
    )
    .map_err(JsValue::from)
    .unwrap()
}

#[wasm_bindgen_test]
fn windows_1252_declared_iso_8859_1_through_text_decoder() {
    let out = parse(
        include_bytes!("fixtures/feeds/windows-1252.xml"),
        None,
        None,
        None,
    );
    assert_eq!(
        (text(&out, "format"), text(&out, "lang")),
        ("rss2.0".into(), "fr".into())
    );
    let first = list(&out, "articles").get(0);
    assert_eq!(
        text(&first, "title"),
        "\u{201c}Penny universities\u{201d}: London\u{2019}s coffee houses"
    );
    assert_eq!(text(&first, "date"), "2025-07-07T07:00:00Z");
    // A plain object, as the rest of the boundary returns.
    assert_eq!(
        Object::get_prototype_of(&first),
        Object::get_prototype_of(&Object::new())
    );
}

#[wasm_bindgen_test]
fn utf16_and_shift_jis_through_text_decoder() {
    let out = parse(
        include_bytes!("fixtures/feeds/utf-16.xml"),
        None,
        None,
        None,
    );
    let first = list(&out, "articles").get(0);
    assert_eq!(
        text(&first, "title"),
        "\u{6c5f}\u{6238}\u{6642}\u{4ee3}\u{306e}\u{8857}\u{9053}\u{3068}\u{5bbf}\u{5834}"
    );
    let sjis = b"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><rss><channel><item><title>\x93\xfa\x96\x7b</title></item></channel></rss>";
    let out = parse(sjis, None, None, None);
    assert_eq!(
        text(&list(&out, "articles").get(0), "title"),
        "\u{65e5}\u{672c}"
    );
    // The HTTP charset beats the declaration.
    let latin = b"<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel><item><title>caf\xe9</title></item></channel></rss>";
    let out = parse(latin, Some("text/xml; charset=windows-1252"), None, None);
    assert_eq!(text(&list(&out, "articles").get(0), "title"), "caf\u{e9}");
}

#[wasm_bindgen_test]
fn json_feed_and_array_through_json_parse() {
    let out = parse(
        include_bytes!("fixtures/feeds/feed.json"),
        Some("application/feed+json"),
        None,
        None,
    );
    assert_eq!(text(&out, "format"), "jsonfeed");
    let articles = list(&out, "articles");
    assert_eq!(articles.length(), 8);
    assert!(text(&articles.get(0), "summary").ends_with("The full article continues."));

    let array = br#"[{"id": "a", "title": "T", "date": "Sat, 19 Jul 2025 08:00:00 GMT", "tags": "x, y", "image": "/i.png"},
        [1, 2, 3], {"id": "c"}]"#;
    let out = parse(
        array,
        None,
        Some("https://example.com/feed.json"),
        Some("pt_BR"),
    );
    let first = list(&out, "articles").get(0);
    assert_eq!(text(&first, "date"), "2025-07-19T08:00:00Z");
    assert_eq!(text(&first, "image"), "https://example.com/i.png");
    assert_eq!(text(&first, "lang"), "pt-BR");
    assert_eq!(list(&first, "tags").length(), 2);
    let rejected = list(&out, "rejected");
    assert_eq!(rejected.length(), 2);
    assert_eq!(get(&rejected.get(0), "position").as_f64(), Some(1.0));
    assert!(text(&rejected.get(0), "reason").contains("object"));
}

#[wasm_bindgen_test]
fn warnings_and_relative_links() {
    let rss = b"<rss><channel><item><title>A</title><link>/a</link><pubDate>soon</pubDate></item></channel></rss>";
    let out = parse(rss, None, Some("https://example.com/feed.xml"), None);
    assert_eq!(
        text(&list(&out, "articles").get(0), "url"),
        "https://example.com/a"
    );
    let warning = list(&out, "warnings").get(0);
    assert_eq!(
        (text(&warning, "field"), get(&warning, "position").as_f64()),
        ("date".into(), Some(0.0))
    );
    assert!(get(&out, "lang").is_null());
}

#[wasm_bindgen_test]
fn not_a_feed_throws_and_the_module_lives_on() {
    for bytes in [
        &b""[..],
        b"<html><body>page</body></html>",
        b"{\"a\":",
        b"\xff\xfe\x00",
    ] {
        let err = parse_feed(bytes, None, None, None)
            .map_err(JsValue::from)
            .unwrap_err();
        assert!(
            text(&err, "message").starts_with("not a feed"),
            "{}",
            text(&err, "message")
        );
    }
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let _ = parse_feed(&garbage, None, None, None);
    let out = parse(include_bytes!("fixtures/feeds/atom.xml"), None, None, None);
    assert_eq!(list(&out, "articles").length(), 8);
}
