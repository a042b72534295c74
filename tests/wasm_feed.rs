//! `parseFeed` in wasm, where decoding goes through the JS engine's `TextDecoder` and JSON
//! through `JSON.parse` (paths the native tests never take): `wasm-pack test --node`, or
//! `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test --target
//! wasm32-unknown-unknown --test wasm_feed`.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use js_sys::{Array, Object, Reflect, Uint8Array};
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

/// `parseFeed(body, { contentType, baseUrl, lang })`, as `www/core.js` calls it.
fn call(body: JsValue, options: JsValue) -> Result<JsValue, String> {
    parse_feed(body, options).map_err(|e| text(&JsValue::from(e), "message"))
}

fn options(content_type: Option<&str>, base_url: Option<&str>, page_lang: Option<&str>) -> JsValue {
    let o = Object::new();
    for (key, value) in [
        ("contentType", content_type),
        ("baseUrl", base_url),
        ("lang", page_lang),
    ] {
        if let Some(v) = value {
            Reflect::set(&o, &key.into(), &v.into()).unwrap();
        }
    }
    o.into()
}

fn bytes(b: &[u8]) -> JsValue {
    Uint8Array::from(b).into()
}

fn parse(
    body: &[u8],
    content_type: Option<&str>,
    base_url: Option<&str>,
    page_lang: Option<&str>,
) -> JsValue {
    call(bytes(body), options(content_type, base_url, page_lang)).unwrap()
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
    for body in [
        &b""[..],
        b"<html><body>page</body></html>",
        b"{\"a\":",
        b"\xff\xfe\x00",
    ] {
        let err = call(bytes(body), JsValue::UNDEFINED).unwrap_err();
        assert!(err.starts_with("not a feed"), "{err}");
    }
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let _ = call(bytes(&garbage), JsValue::UNDEFINED);
    let out = parse(include_bytes!("fixtures/feeds/atom.xml"), None, None, None);
    assert_eq!(list(&out, "articles").length(), 8);
}

/// A feed declaring ISO-8859-1, with "Café" in it.
const LATIN1_DECLARED: &str = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\
    <rss version=\"2.0\"><channel><item><title>Café</title></item></channel></rss>";

fn first_title(out: &JsValue) -> String {
    text(&list(out, "articles").get(0), "title")
}

#[wasm_bindgen_test]
fn a_string_is_text_already_decoded() {
    // A string is what `response.text()` gives: decoded already. Its declaration, a charset
    // in contentType and a leading BOM change nothing.
    let latin1 = options(Some("application/rss+xml; charset=iso-8859-1"), None, None);
    let out = call(LATIN1_DECLARED.into(), latin1.clone()).unwrap();
    assert_eq!(first_title(&out), "Café");
    let with_bom = String::from("\u{feff}") + LATIN1_DECLARED;
    assert_eq!(first_title(&call(with_bom.into(), latin1).unwrap()), "Café");
    // The same text as bytes is decoded as declared: its UTF-8 read as windows-1252, as a
    // browser reads such a file.
    let as_bytes = call(bytes(LATIN1_DECLARED.as_bytes()), JsValue::UNDEFINED).unwrap();
    assert_eq!(first_title(&as_bytes), "CafÃ©");
    // An ArrayBuffer is bytes too.
    let buffer = Uint8Array::from(LATIN1_DECLARED.as_bytes()).buffer();
    assert_eq!(
        first_title(&call(buffer.into(), JsValue::NULL).unwrap()),
        "CafÃ©"
    );
    // JSON text as a string: no encoding question at all.
    let json = r#"[{"id": "é", "title": "Crème brûlée"}]"#;
    assert_eq!(
        first_title(&call(json.into(), JsValue::UNDEFINED).unwrap()),
        "Crème brûlée"
    );
}

#[wasm_bindgen_test]
fn parse_feed_arguments_are_checked() {
    let rss = bytes(LATIN1_DECLARED.as_bytes());
    // The positional call the docs once showed: an error, not a silently ignored URL.
    let err = call(rss.clone(), "application/rss+xml".into()).unwrap_err();
    assert!(
        err.contains("options must be an object { contentType, baseUrl, lang }"),
        "{err}"
    );
    let err = call(
        rss.clone(),
        js_sys::JSON::parse(r#"{"baseURL": "https://e.example/"}"#).unwrap(),
    )
    .unwrap_err();
    assert!(err.contains("unknown option \"baseURL\""), "{err}");
    let err = call(
        rss.clone(),
        js_sys::JSON::parse(r#"{"baseUrl": 5}"#).unwrap(),
    )
    .unwrap_err();
    assert_eq!(err, "invalid options: baseUrl must be a string");
    let err = call(JsValue::from_f64(42.0), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(
        err,
        "a feed's body must be a string, a Uint8Array or an ArrayBuffer, found a number"
    );
    assert!(call(JsValue::NULL, JsValue::UNDEFINED)
        .unwrap_err()
        .ends_with("found null"));
    // A Response or a Blob passed by mistake is an object without bytes: named, not read as
    // an empty feed.
    let err = call(Object::new().into(), JsValue::UNDEFINED).unwrap_err();
    assert!(err.ends_with("found an object"), "{err}");
    // Empty strings are absent, as `element.js` passes a missing header.
    let out = call(rss, options(Some(""), Some(""), Some(""))).unwrap();
    assert_eq!(first_title(&out), "CafÃ©");
}
