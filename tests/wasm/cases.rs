//! The wasm boundary as JS sees it, run by `wasm-pack test --node` (tests/wasm_node.rs) and
//! `wasm-pack test --headless --chrome` (tests/wasm_browser.rs).

use js_sys::{Array, Object, Reflect, JSON};
use related_articles::wasm::RelatedIndex;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn js(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn message(e: wasm_bindgen::JsError) -> String {
    let v: JsValue = e.into();
    get(&v, "message").as_string().unwrap()
}

const CORPUS: &str = r#"[
  {"id": "dip-1", "title": "Secret diplomacy and backchannel talks", "summary": "Covert diplomacy shaped alliances.", "category": "History", "date": "2025-07-19", "url": "https://example.com/dip-1"},
  {"id": "dip-2", "title": "Ceremonial diplomacy", "summary": "State visits signal alliances.", "category": "History", "date": "2025-07-16"},
  {"id": "bake-1", "title": "Sourdough at home", "summary": "Flour, water, salt and a starter."},
  {"id": "bake-2", "title": "A sluggish sourdough starter", "summary": "Feeding and temperature decide how a starter rises."}
]"#;

#[wasm_bindgen_test]
fn related_returns_plain_json_compatible_objects() {
    let index = RelatedIndex::new(js(CORPUS), JsValue::UNDEFINED).unwrap();
    assert_eq!(index.size(), 4);
    let found = index
        .related(JsValue::from_str("dip-2"), js(r#"{"limit": 3}"#))
        .unwrap();
    let found: Array = found.dyn_into().unwrap();
    assert_eq!(found.length(), 1, "only dip-1 shares words with dip-2");
    let item = found.get(0);
    // A plain object (json_compatible serializer), not a Map, and no `undefined` fields.
    assert_eq!(
        Object::get_prototype_of(&item),
        Object::get_prototype_of(&Object::new())
    );
    assert_eq!(get(&item, "id").as_string().unwrap(), "dip-1");
    assert_eq!(
        get(&item, "url").as_string().unwrap(),
        "https://example.com/dip-1"
    );
    assert_eq!(get(&item, "category").as_string().unwrap(), "History");
    let score = get(&item, "score").as_f64().unwrap();
    assert!(score > 0.0 && score <= 1.0);
    let terms: Array = get(&get(&item, "why"), "terms").dyn_into().unwrap();
    let terms: Vec<String> = terms.iter().map(|t| t.as_string().unwrap()).collect();
    assert_eq!(terms, ["diplomacy", "alliances"]);
    // Round-trips through JSON unchanged: nothing JSON cannot carry.
    let text = JSON::stringify(&item).unwrap().as_string().unwrap();
    assert!(
        !text.contains("undefined") && text.contains("\"why\":{\"terms\""),
        "{text}"
    );
}

#[wasm_bindgen_test]
fn an_article_object_is_a_query_too() {
    let index = RelatedIndex::new(js(CORPUS), JsValue::UNDEFINED).unwrap();
    let page = js(r#"{"title": "My sourdough starter diary", "url": "https://example.com/new"}"#);
    let found: Array = index
        .related(page, JsValue::NULL)
        .unwrap()
        .dyn_into()
        .unwrap();
    let ids: Vec<String> = found
        .iter()
        .map(|i| get(&i, "id").as_string().unwrap())
        .collect();
    assert_eq!(ids, ["bake-2", "bake-1"]);
    // Naming an indexed article by URL needs no text.
    let by_url = js(r#"{"url": "https://example.com/dip-1"}"#);
    let found: Array = index
        .related(by_url, JsValue::UNDEFINED)
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(get(&found.get(0), "id").as_string().unwrap(), "dip-2");
}

#[wasm_bindgen_test]
fn plain_text_is_kept_as_written_when_html_is_off() {
    let input = js(
        r#"[{"id": "a", "title": "Using <picture> &amp; srcset"}, {"id": "b", "title": "The picture element"}]"#,
    );
    let plain = RelatedIndex::new(input.clone(), js(r#"{"html": false}"#)).unwrap();
    let found: Array = plain
        .related(JsValue::from_str("b"), JsValue::UNDEFINED)
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(
        get(&found.get(0), "title").as_string().unwrap(),
        "Using <picture> &amp; srcset"
    );
    let html = RelatedIndex::new(input, JsValue::UNDEFINED).unwrap();
    let found: Array = html
        .related(JsValue::from_str("b"), JsValue::UNDEFINED)
        .unwrap_or_else(|_| Array::new().into())
        .dyn_into()
        .unwrap();
    assert_eq!(
        found.length(),
        0,
        "reduced as HTML, the title loses <picture> and shares no word with b"
    );
    assert!(RelatedIndex::new(js(CORPUS), js(r#"{"html": "no"}"#)).is_err());
}

#[wasm_bindgen_test]
fn bad_records_are_listed_and_the_rest_indexed() {
    let input = js(r#"[
      {"id": "a", "title": "Solar rooftops", "date": "not a date", "url": "javascript:alert(1)"},
      "just a string",
      null,
      [1, 2, 3],
      {"id": "empty", "title": "", "summary": "<p> </p>"},
      {"id": 42, "title": "Numeric ids become text", "tags": "x, y"},
      {"id": "a", "title": "Duplicate id"},
      {"title": {"nested": true}, "summary": "A title that is an object is dropped, the summary kept"}
    ]"#);
    let index = RelatedIndex::new(input, JsValue::UNDEFINED).unwrap();
    assert_eq!(index.size(), 3);
    let rejected: Array = index.rejected().dyn_into().unwrap();
    let summary: Vec<(f64, String)> = rejected
        .iter()
        .map(|r| {
            (
                get(&r, "position").as_f64().unwrap(),
                get(&r, "reason").as_string().unwrap(),
            )
        })
        .collect();
    let positions: Vec<f64> = summary.iter().map(|s| s.0).collect();
    assert_eq!(positions, [1.0, 2.0, 3.0, 4.0, 6.0], "{summary:?}");
    assert!(summary[0].1.contains("a string"));
    assert!(summary[2].1.contains("an array"));
    assert_eq!(
        summary[3].1,
        "title is empty and summary has no text once HTML is reduced: a record needs a title or a summary"
    );
    assert!(summary[4].1.contains("duplicate id"));
    assert_eq!(get(&rejected.get(3), "id").as_string().unwrap(), "empty");
    let warnings: Array = index.warnings().dyn_into().unwrap();
    let fields: Vec<String> = warnings
        .iter()
        .map(|w| get(&w, "field").as_string().unwrap())
        .collect();
    assert_eq!(fields, ["url", "date", "title"]);
    assert!(index.similarity("42".into(), "a".into()).is_ok());
}

#[wasm_bindgen_test]
fn invalid_calls_throw_clear_errors() {
    let err = |r: Result<RelatedIndex, wasm_bindgen::JsError>| message(r.err().unwrap());
    // Anything but an array is a feed's body (indexFeed); createIndex in JS lets only arrays in.
    assert!(
        err(RelatedIndex::new(js(r#"{"id": "x"}"#), JsValue::UNDEFINED)).contains(
            "a feed's body must be a string, a Uint8Array or an ArrayBuffer, found an object"
        )
    );
    assert!(err(RelatedIndex::new(js("[]"), JsValue::UNDEFINED)).contains("no valid article"));
    assert!(
        err(RelatedIndex::new(js(r#"[{"id": 1}]"#), JsValue::UNDEFINED)).contains("position 0")
    );
    assert!(
        err(RelatedIndex::new(js(CORPUS), js(r#"{"titleWieght": 2}"#))).contains("titleWieght")
    );
    assert!(
        err(RelatedIndex::new(js(CORPUS), js(r#"{"titleWeight": -1}"#))).contains("titleWeight")
    );
    assert!(
        err(RelatedIndex::new(js(CORPUS), JsValue::from_str("fast")))
            .contains("options must be an object")
    );

    let index = RelatedIndex::new(js(CORPUS), JsValue::UNDEFINED).unwrap();
    let related = |q: JsValue, o: &str| index.related(q, js(o)).err().map(message);
    assert!(related(JsValue::from_str("nope"), "{}")
        .unwrap()
        .contains("\"nope\""));
    assert!(related(JsValue::from_str("dip-1"), r#"{"limit": 1.5}"#)
        .unwrap()
        .contains("limit"));
    assert!(related(JsValue::from_str("dip-1"), r#"{"limit": 1000}"#)
        .unwrap()
        .contains("limit"));
    assert!(related(JsValue::from_str("dip-1"), r#"{"minScore": 2}"#)
        .unwrap()
        .contains("minScore"));
    assert!(
        related(JsValue::from_str("dip-1"), r#"{"diversify": "yes"}"#)
            .unwrap()
            .contains("diversify")
    );
    assert!(related(JsValue::from_f64(3.5), "{}")
        .unwrap()
        .contains("id or URL (text or a whole number) or an article object"));
    assert!(related(JsValue::TRUE, "{}")
        .unwrap()
        .contains("id or URL (text or a whole number) or an article object"));
    assert!(related(js(r#"{"title": ""}"#), "{}")
        .unwrap()
        .contains("unusable"));
    assert!(related(JsValue::from_str("dip-1"), r#"{"exclude": ["dip-2"]}"#).is_none());
}

#[wasm_bindgen_test]
fn hostile_input_never_kills_the_module() {
    // Lone surrogates, control characters, huge and deeply nested values: each call either
    // answers or throws, and the module keeps working afterwards.
    let big = "word ".repeat(20_000);
    let input = Array::new();
    input.push(&js(
        r#"{"id": "ok", "title": "Surviving hostile input", "summary": "still here"}"#,
    ));
    let odd = Object::new();
    Reflect::set(
        &odd,
        &"title".into(),
        &JsValue::from_str("\u{0}\u{1f}<script>x</script>&#0;&#xD800;"),
    )
    .unwrap();
    input.push(&odd);
    let huge = Object::new();
    Reflect::set(&huge, &"summary".into(), &JsValue::from_str(&big)).unwrap();
    input.push(&huge);
    input.push(&js(
        r#"{"title": [[[[[["deep"]]]]]], "summary": {"a": {"b": {"c": 1}}}}"#,
    ));
    input.push(&js(
        r#"{"title": 1e308, "summary": -0.5, "tags": [1, null, {"x": 1}, "ok"]}"#,
    ));
    let index = RelatedIndex::new(input.into(), JsValue::UNDEFINED).unwrap();
    assert!(index.size() >= 2);
    let _ = index
        .related(JsValue::from_str("ok"), JsValue::UNDEFINED)
        .unwrap();
    let _ = index.related(
        js(r#"{"title": "\ud800 lone surrogate hostile"}"#),
        JsValue::UNDEFINED,
    );
    let again = RelatedIndex::new(js(CORPUS), JsValue::UNDEFINED).unwrap();
    assert_eq!(
        again.size(),
        4,
        "the module still works after hostile input"
    );
}

fn ids(found: JsValue) -> Vec<String> {
    let found: Array = found.dyn_into().unwrap();
    found
        .iter()
        .map(|i| get(&i, "id").as_string().unwrap())
        .collect()
}

/// Records as the node package test gives them too (`tests/node/package.test.mjs`), and the
/// CLI in `tests/cli.rs`: the three paths must agree.
const NUMBERED: &str = r#"[
  {"id": 12345, "title": "Solar rooftops for city schools"},
  {"id": 1, "title": "Solar rooftops for rural schools"},
  {"id": "2", "title": "Solar rooftops for the city hall"}
]"#;

#[wasm_bindgen_test]
fn ids_are_text_or_whole_numbers_wherever_named() {
    let index = RelatedIndex::new(js(NUMBERED), JsValue::UNDEFINED).unwrap();
    let by_number = index
        .related(JsValue::from_f64(12345.0), JsValue::UNDEFINED)
        .unwrap();
    assert_eq!(ids(by_number.clone()), ["1", "2"]);
    assert_eq!(
        ids(index.related("12345".into(), JsValue::UNDEFINED).unwrap()),
        ids(by_number)
    );
    // exclude takes numbers too, and an object query its numeric id.
    let excluded = index
        .related("12345".into(), js(r#"{"exclude": [1]}"#))
        .unwrap();
    assert_eq!(ids(excluded), ["2"]);
    let excluded = index
        .related(js(r#"{"id": 12345}"#), js(r#"{"exclude": 2}"#))
        .unwrap();
    assert_eq!(ids(excluded), ["1"]);
    let s = index
        .similarity(JsValue::from_f64(1.0), "2".into())
        .unwrap();
    assert_eq!(
        s,
        index
            .similarity("1".into(), JsValue::from_f64(2.0))
            .unwrap()
    );
    assert!(s > 0.0);
    for bad in [
        JsValue::from_f64(1.5),
        JsValue::TRUE,
        JsValue::NULL,
        js("[1]"),
    ] {
        let e = message(index.similarity(bad, "1".into()).unwrap_err());
        assert_eq!(
            e,
            "similarity() needs two article ids or URLs (text or whole numbers)"
        );
    }
}

#[wasm_bindgen_test]
fn text_fields_take_text_only_and_say_what_they_found() {
    let input = js(r#"[
      {"id": "n", "title": 42, "summary": "Kept for its summary", "category": true, "tags": [1, "x", null, ["y"]]},
      {"id": "l", "title": ["a", "b"]},
      {"id": "o", "title": {"text": "t"}, "summary": 7},
      {"id": "t", "title": "Tags as an object", "tags": {"a": 1}, "date": 20250719},
      {"id": false, "title": "A boolean id", "url": "https://e.example/b"},
      {"id": " ", "title": "A blank id"},
      {"id": 2.5, "title": "A fractional id"}
    ]"#);
    let index = RelatedIndex::new(input, JsValue::UNDEFINED).unwrap();
    let rejected: Array = index.rejected().dyn_into().unwrap();
    let reasons: Vec<String> = rejected
        .iter()
        .map(|r| get(&r, "reason").as_string().unwrap())
        .collect();
    assert_eq!(reasons, [
        "title is a list (expected text) and summary is missing: a record needs a title or a summary",
        "title is an object (expected text) and summary is a number (expected text): a record needs a title or a summary",
    ]);
    let warnings: Array = index.warnings().dyn_into().unwrap();
    let warnings: Vec<(String, String, String)> = warnings
        .iter()
        .map(|w| {
            (
                get(&w, "id").as_string().unwrap(),
                get(&w, "field").as_string().unwrap(),
                get(&w, "reason").as_string().unwrap(),
            )
        })
        .collect();
    let w =
        |id: &str, field: &str, reason: &str| (id.to_owned(), field.to_owned(), reason.to_owned());
    let hash = |i: usize| warnings[i].0.clone();
    assert!(hash(7).starts_with('h') && hash(8).starts_with('h') && hash(7) != hash(8));
    assert_eq!(warnings, [
        w("n", "title", "expected text, found a number"),
        w("n", "category", "expected text, found a boolean"),
        w("n", "tags", "expected text, found a number"),
        w("n", "tags", "expected text, found a list"),
        w("t", "date", "expected text, found a number"),
        w("t", "tags", "expected a list of text or a comma-separated string, found an object"),
        w("https://e.example/b", "id", "expected text or a whole number, found a boolean: the id is derived from the URL instead"),
        w(&hash(7), "id", "is empty: the id is derived from the title and date instead"),
        w(&hash(8), "id", "expected text or a whole number, found a fractional number: the id is derived from the title and date instead"),
    ][..]);
    // Nothing became text that was not: the number title and boolean category are gone, the
    // summary kept.
    let found: Array = index
        .related(js(r#"{"title": "42 true summary"}"#), JsValue::UNDEFINED)
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(found.length(), 1);
    let n = found.get(0);
    assert_eq!(get(&n, "id").as_string().unwrap(), "n");
    assert_eq!(get(&n, "title").as_string().unwrap(), "");
    assert!(get(&n, "category").is_undefined());
    let terms = JSON::stringify(&get(&n, "why"))
        .unwrap()
        .as_string()
        .unwrap();
    assert_eq!(terms, r#"{"terms":["summary"]}"#);
}

#[wasm_bindgen_test]
fn a_second_record_with_a_url_already_used_is_rejected() {
    let input = js(r#"[
      {"id": "a", "title": "Solar rooftops", "url": "https://e.example/solar?a,b"},
      {"id": "b", "title": "Solar rooftops again", "url": "https://e.example/solar?a,b"},
      {"id": "c", "title": "Solar gardens", "link": "https://e.example/gardens"}
    ]"#);
    let index = RelatedIndex::new(input, JsValue::UNDEFINED).unwrap();
    assert_eq!(index.size(), 2);
    let rejected: Array = index.rejected().dyn_into().unwrap();
    assert_eq!(rejected.length(), 1);
    assert_eq!(get(&rejected.get(0), "id").as_string().unwrap(), "b");
    assert_eq!(
        get(&rejected.get(0), "reason").as_string().unwrap(),
        "duplicate URL \"https://e.example/solar?a,b\": first used at position 0"
    );
    // A single exclude string is one URL, commas and all; and `link` is the URL's alias.
    let found = index
        .related(
            "https://e.example/gardens".into(),
            js(r#"{"exclude": "https://e.example/solar?a,b"}"#),
        )
        .unwrap();
    assert!(ids(found).is_empty());
    let found = index
        .related("c".into(), js(r#"{"exclude": "a,b"}"#))
        .unwrap();
    assert_eq!(
        ids(found),
        ["a"],
        "\"a,b\" names no article: nothing is excluded"
    );
    for bad in [
        r#"{"exclude": {"id": "a"}}"#,
        r#"{"exclude": ["a", null]}"#,
        r#"{"exclude": [1.5]}"#,
        r#"{"exclude": true}"#,
    ] {
        let e = message(index.related("c".into(), js(bad)).unwrap_err());
        assert_eq!(e, "invalid options: exclude must be an id or URL, or a list of them (each text or a whole number)", "{bad}");
    }
}
