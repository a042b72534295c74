//! What reading a feed needs from the platform it runs on: a JSON parser and the WHATWG
//! decoders of legacy charsets. Everything else in `feed/` is the same code on every target.
//!
//! Natively that is serde_json and encoding_rs ([`Native`]); in the browser, the JS engine's own
//! `JSON.parse` and `TextDecoder` (implemented at the wasm boundary, `src/wasm/`), because the two
//! crates would add to every page's download what the engine already has.

use crate::article::JsonValue;

/// The services a feed reader takes from its platform.
pub trait Platform {
    /// A parsed JSON value.
    type Json: JsonValue;

    /// Whether JSON entries get their line ([`Feed::lines`](super::Feed::lines)): finding
    /// them takes a pass over the text of its own, which the widget (it shows no lines) skips.
    /// When `false`, every JSON entry is on line 1.
    const JSON_LINES: bool;

    /// Parses JSON text; the error, when it is not JSON, in words for a person.
    fn parse_json(&self, text: &str) -> Result<Self::Json, String>;

    /// The WHATWG name of an encoding label, lower-case (`latin1` → `windows-1252`); `None`
    /// when the label is unknown or one of the "replacement" labels.
    fn encoding_name(&self, label: &str) -> Option<String>;

    /// Decodes `bytes` with the encoding of that WHATWG name (a name `encoding_name` gave),
    /// without byte-order-mark handling (the caller has handled the BOM).
    fn decode(&self, name: &str, bytes: &[u8]) -> String;
}

/// The native platform: serde_json and encoding_rs, which implement the same JSON and the same
/// WHATWG Encoding Standard as browsers.
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
#[derive(Debug, Clone, Copy, Default)]
pub struct Native;

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
impl Platform for Native {
    type Json = serde_json::Value;
    const JSON_LINES: bool = true;

    fn parse_json(&self, text: &str) -> Result<serde_json::Value, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    fn encoding_name(&self, label: &str) -> Option<String> {
        let encoding = encoding_rs::Encoding::for_label_no_replacement(label.as_bytes())?;
        Some(encoding.name().to_ascii_lowercase())
    }

    fn decode(&self, name: &str, bytes: &[u8]) -> String {
        let encoding =
            encoding_rs::Encoding::for_label(name.as_bytes()).unwrap_or(encoding_rs::WINDOWS_1252);
        encoding.decode_without_bom_handling(bytes).0.into_owned()
    }
}
