//! The CLI as a user runs it: commands, output shapes, exit codes, rejected records on stderr.
#![cfg(not(target_arch = "wasm32"))]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::process::{Command, Output};

const TOPICS: &str = "tests/fixtures/corpora/topics.jsonl";
const MIXED: &str = "tests/fixtures/corpora/mixed.jsonl";

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_related-articles"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn related_by_id_prints_a_readable_list() {
    let o = cli(&["related", TOPICS, "--id", "bake-1", "--limit", "2"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<_> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    for line in lines {
        assert!(line.contains("  bake-"), "{line}");
        let score: f32 = line.split_whitespace().next().unwrap().parse().unwrap();
        assert!(score > 0.0 && score <= 1.0);
    }
}

#[test]
fn related_json_is_an_array_of_result_objects() {
    let o = cli(&["related", TOPICS, "--id", "run-1", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let items: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let items = items.as_array().unwrap();
    assert!(!items.is_empty() && items.len() <= 5);
    for item in items {
        for key in ["id", "title", "summary", "category", "date", "score", "why"] {
            assert!(item.get(key).is_some(), "{key} missing in {item}");
        }
        assert_ne!(item["id"], "run-1");
        assert!(item["why"]["terms"].as_array().unwrap().len() <= 3);
    }
}

#[test]
fn related_all_writes_one_line_per_article() {
    let o = cli(&[
        "related",
        TOPICS,
        "--all",
        "--json",
        "--limit",
        "3",
        "--no-diversify",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 9);
    for line in &lines {
        let related = line["related"].as_array().unwrap();
        // Each of the three topics has three articles: two related ones each, at least.
        assert!(related.len() >= 2 && related.len() <= 3, "{line}");
        assert!(related.iter().all(|r| r["id"] != line["id"]));
    }
}

#[test]
fn similarity_only_prints_every_unordered_pair() {
    let o = cli(&["similarity", TOPICS, "--only", "dip-1,dip-2,bake-1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 3);
    let score = |a: &str, b: &str| -> f32 {
        rows.iter().find(|r| r[0] == a && r[1] == b).unwrap()[2]
            .parse()
            .unwrap()
    };
    assert!(score("dip-1", "dip-2") > score("dip-1", "bake-1"));
    assert_eq!(score("dip-1", "bake-1"), 0.0);
}

#[test]
fn similarity_pairs_reads_a_tsv_and_refuses_unknown_ids_before_printing() {
    let dir = std::env::temp_dir().join(format!("ra-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pairs = dir.join("pairs.tsv");
    std::fs::File::create(&pairs)
        .unwrap()
        .write_all(b"run-1\trun-2\nrun-2\trun-1\textra column\n")
        .unwrap();
    let o = cli(&["similarity", TOPICS, "--pairs", pairs.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let scores: Vec<&str> = out
        .lines()
        .map(|l| l.rsplit('\t').next().unwrap())
        .collect();
    assert_eq!(scores.len(), 2);
    assert_eq!(scores[0], scores[1], "pair scores are symmetric");

    std::fs::File::create(&pairs)
        .unwrap()
        .write_all(b"run-1\trun-2\nrun-1\tnope\n")
        .unwrap();
    let o = cli(&["similarity", TOPICS, "--pairs", pairs.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty(), "no partial output");
    assert!(stderr(&o).contains("\"nope\""), "{}", stderr(&o));
}

#[test]
fn rejected_records_are_reported_with_their_line_and_skipped() {
    let o = cli(&["related", MIXED, "--id", "ok-1", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    for expected in [
        "line 2 (id \"bad-empty\")",
        "line 3:",
        "line 5:",
        "line 6 (id \"ok-1\")",
        "duplicate id",
    ] {
        assert!(err.contains(expected), "{expected:?} not in stderr:\n{err}");
    }
    assert!(
        err.contains("warning:") && err.contains("date dropped"),
        "{err}"
    );
    let items: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(!items.as_array().unwrap().is_empty());
}

#[test]
fn strict_makes_any_rejection_fatal_with_no_output() {
    let o = cli(&["related", MIXED, "--id", "ok-1", "--json", "--strict"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert!(stderr(&o).contains("--strict"));
}

#[test]
fn errors_exit_non_zero_and_say_what_is_wrong() {
    let cases: [(&[&str], i32, &str); 8] = [
        (
            &["related", TOPICS, "--id", "missing"],
            1,
            "no article with id or URL \"missing\"",
        ),
        (&["related", TOPICS], 2, "needs --id ID or --all"),
        (&["related", TOPICS, "--all"], 2, "add --json"),
        (
            &["related", TOPICS, "--id", "x", "--limit", "lots"],
            2,
            "--limit",
        ),
        (
            &["related", TOPICS, "--id", "dip-1", "--limit", "500"],
            2,
            "limit",
        ),
        (
            &["related", "does/not/exist.jsonl", "--id", "x"],
            1,
            "cannot read",
        ),
        (&["frobnicate"], 2, "unknown command"),
        (
            &["similarity", TOPICS, "--only", "dip-1"],
            2,
            "at least two",
        ),
    ];
    for (args, code, message) in cases {
        let o = cli(args);
        assert_eq!(o.status.code(), Some(code), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?} printed output");
        assert!(
            stderr(&o).contains(message),
            "{args:?}: {message:?} not in {}",
            stderr(&o)
        );
    }
}

#[test]
fn a_corpus_with_nothing_valid_is_an_error() {
    let dir = std::env::temp_dir().join(format!("ra-cli-empty-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("empty.jsonl");
    std::fs::write(&file, "{\"id\":\"x\"}\n\n").unwrap();
    let o = cli(&["related", file.to_str().unwrap(), "--all", "--json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no valid article"), "{}", stderr(&o));
}

/// One fixture for the input rules, read by the CLI here and by the built package in Node
/// (`tests/node/package.test.mjs`) against the same expected file: the two paths must agree.
const INPUT_RULES: &str = "tests/fixtures/corpora/input-rules.jsonl";

#[test]
fn input_rules_agree_with_the_package() {
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("tests/fixtures/corpora/input-rules.expected.json").unwrap(),
    )
    .unwrap();
    for (id, related) in expected["related"].as_object().unwrap() {
        let o = cli(&["related", INPUT_RULES, "--id", id, "--json", "--limit", "3"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let found: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(&found, related, "--id {id}");
    }
    // Rejections and warnings on stderr, read back into the package's shape (lines count
    // from 1, positions from 0; the file has no blank line).
    let o = cli(&["related", INPUT_RULES, "--id", "12345"]);
    let (mut rejected, mut warnings) = (Vec::new(), Vec::new());
    for line in stderr(&o).lines() {
        let (kind, rest) = line
            .split_once(": tests/fixtures/corpora/input-rules.jsonl: line ")
            .unwrap();
        let (number, rest) = rest.split_once(" (id ").unwrap();
        let (id, rest) = rest.split_once("): ").unwrap();
        let position = number.parse::<u64>().unwrap() - 1;
        let id: String = serde_json::from_str(id).unwrap();
        if kind == "rejected" {
            rejected.push(serde_json::json!({ "position": position, "id": id, "reason": rest }));
        } else {
            let (field, reason) = rest.split_once(' ').unwrap();
            let reason = reason.split_once(": ").unwrap().1;
            let verb = if field == "id" { "replaced" } else { "dropped" };
            assert!(rest.starts_with(&format!("{field} {verb}: ")), "{line}");
            warnings.push(
                serde_json::json!({ "position": position, "id": id, "field": field, "reason": reason }),
            );
        }
    }
    assert_eq!(serde_json::Value::from(rejected), expected["rejected"]);
    assert_eq!(serde_json::Value::from(warnings), expected["warnings"]);
    // Numeric ids are named as their text everywhere, --only included.
    let o = cli(&["similarity", INPUT_RULES, "--only", "1,12345"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "1\t12345\t0.671498\n");
}
