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
    assert!(summary[3].1.contains("title and summary"));
    assert!(summary[4].1.contains("duplicate id"));
    assert_eq!(get(&rejected.get(3), "id").as_string().unwrap(), "empty");
    let warnings: Array = index.warnings().dyn_into().unwrap();
    let fields: Vec<String> = warnings
        .iter()
        .map(|w| get(&w, "field").as_string().unwrap())
        .collect();
    assert_eq!(fields, ["url", "date", "title"]);
    assert!(index.similarity("42", "a").is_ok());
}

#[wasm_bindgen_test]
fn invalid_calls_throw_clear_errors() {
    let err = |r: Result<RelatedIndex, wasm_bindgen::JsError>| message(r.err().unwrap());
    assert!(err(RelatedIndex::new(js(r#"{"id": "x"}"#), JsValue::UNDEFINED)).contains("array"));
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
    assert!(related(JsValue::from_f64(3.0), "{}")
        .unwrap()
        .contains("id, URL or article"));
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
