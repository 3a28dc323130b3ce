//! Lenient reading of the dict and list strings that vendors put inside CSV cells:
//! `{'gpt-4o': 20, 'o3': 5}` (Python repr), `{"gpt-4o": 20}` (JSON), `["Engineering"]`,
//! and the degenerate forms seen in the wild (`0`, empty, `{}`, `None`).

use std::borrow::Cow;

/// A parsed literal value.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    Str(String),
    Num(f64),
    Bool(bool),
    Null,
    List(Vec<Literal>),
    Dict(Vec<(String, Literal)>),
}

/// Parses a JSON or Python literal. `None` when the text is not one.
pub fn parse_literal(text: &str) -> Option<Literal> {
    let mut parser = Parser {
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    let value = parser.value()?;
    parser.skip_ws();
    (parser.pos == parser.bytes.len()).then_some(value)
}

/// Reads a `name → count` map. Empty text, `0`, `{}`, `None` and `null` are an empty map.
/// Counts must be whole, non-negative numbers.
pub fn parse_count_map(text: &str) -> Result<Vec<(String, u32)>, String> {
    let trimmed = text.trim();
    if matches!(trimmed, "" | "0" | "{}" | "None" | "null" | "nan" | "NaN") {
        return Ok(Vec::new());
    }
    let Some(Literal::Dict(entries)) = parse_literal(trimmed) else {
        return Err("expected a dictionary such as {'gpt-4o': 20}".into());
    };
    entries
        .into_iter()
        .map(|(key, value)| match value {
            Literal::Num(n) if n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) => {
                Ok((key, n as u32))
            }
            Literal::Null => Ok((key, 0)),
            other => Err(format!(
                "expected a whole number for '{key}', found {other:?}"
            )),
        })
        .collect()
}

/// Reads a label list: `["A", "B"]`, `['A']`, or a plain label `A`. Empty entries are dropped.
pub fn parse_label_list(text: &str) -> Vec<String> {
    let trimmed = text.trim();
    if trimmed.is_empty() || matches!(trimmed, "[]" | "None" | "null") {
        return Vec::new();
    }
    match parse_literal(trimmed) {
        Some(Literal::List(items)) => items
            .into_iter()
            .filter_map(|item| match item {
                Literal::Str(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
                _ => None,
            })
            .collect(),
        Some(Literal::Str(s)) if !s.trim().is_empty() => vec![s.trim().to_string()],
        _ => vec![trimmed.to_string()],
    }
}

/// The first label of a label list, as `parse_label_list(text).first()` gives it. A list of
/// one plain quoted label (`["Engineering"]`, what exports write) is read in place; anything
/// else goes through the full parser.
pub fn first_label(text: &str) -> Option<Cow<'_, str>> {
    let trimmed = text.trim();
    for quote in ['"', '\''] {
        let inner = trimmed
            .strip_prefix('[')
            .and_then(|t| t.strip_prefix(quote))
            .and_then(|t| t.strip_suffix(']'))
            .and_then(|t| t.strip_suffix(quote));
        if let Some(inner) = inner {
            let plain = !inner.contains(['"', '\'', '\\']);
            let label = inner.trim();
            if plain && !label.is_empty() {
                return Some(Cow::Borrowed(label));
            }
        }
    }
    parse_label_list(text).into_iter().next().map(Cow::Owned)
}

struct Parser<'a> {
    bytes: &'a [u8],
    pos: usize,
    depth: u32,
}

const MAX_DEPTH: u32 = 32;

impl Parser<'_> {
    fn skip_ws(&mut self) {
        while self
            .bytes
            .get(self.pos)
            .is_some_and(|b| b.is_ascii_whitespace())
        {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Option<Literal> {
        self.skip_ws();
        match *self.bytes.get(self.pos)? {
            b'{' => self.nested(b'}', true),
            b'[' | b'(' => {
                let close = if self.bytes[self.pos] == b'[' {
                    b']'
                } else {
                    b')'
                };
                self.nested(close, false)
            }
            b'\'' | b'"' => self.string().map(Literal::Str),
            _ => self.word(),
        }
    }

    fn nested(&mut self, close: u8, is_dict: bool) -> Option<Literal> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        self.pos += 1;
        let mut list = Vec::new();
        let mut dict = Vec::new();
        loop {
            self.skip_ws();
            if self.bytes.get(self.pos) == Some(&close) {
                self.pos += 1;
                break;
            }
            if is_dict {
                let key = match self.value()? {
                    Literal::Str(s) => s,
                    Literal::Num(n) => n.to_string(),
                    _ => return None,
                };
                self.skip_ws();
                if self.bytes.get(self.pos) != Some(&b':') {
                    return None;
                }
                self.pos += 1;
                dict.push((key, self.value()?));
            } else {
                list.push(self.value()?);
            }
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b) if *b == close => {}
                _ => return None,
            }
        }
        self.depth -= 1;
        Some(if is_dict {
            Literal::Dict(dict)
        } else {
            Literal::List(list)
        })
    }

    fn string(&mut self) -> Option<String> {
        let quote = self.bytes[self.pos];
        self.pos += 1;
        let mut out = Vec::new();
        while let Some(&b) = self.bytes.get(self.pos) {
            self.pos += 1;
            if b == quote {
                return String::from_utf8(out).ok();
            }
            if b == b'\\' {
                let escaped = *self.bytes.get(self.pos)?;
                self.pos += 1;
                match escaped {
                    b'n' => out.push(b'\n'),
                    b't' => out.push(b'\t'),
                    b'u' => {
                        let hex = self.bytes.get(self.pos..self.pos + 4)?;
                        self.pos += 4;
                        let code = u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
                        let ch = char::from_u32(code).unwrap_or('\u{FFFD}');
                        let mut buf = [0u8; 4];
                        out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                    }
                    other => out.push(other),
                }
            } else {
                out.push(b);
            }
        }
        None
    }

    fn word(&mut self) -> Option<Literal> {
        let start = self.pos;
        while self
            .bytes
            .get(self.pos)
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'+' | b'_'))
        {
            self.pos += 1;
        }
        let word = std::str::from_utf8(&self.bytes[start..self.pos]).ok()?;
        match word {
            "" => None,
            "None" | "null" => Some(Literal::Null),
            "True" | "true" => Some(Literal::Bool(true)),
            "False" | "false" => Some(Literal::Bool(false)),
            _ => word
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map(Literal::Num),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_python_and_json_count_maps() {
        let expected = vec![("gpt-4o".to_string(), 20), ("o3".to_string(), 5)];
        assert_eq!(
            parse_count_map("{'gpt-4o': 20, 'o3': 5}"),
            Ok(expected.clone())
        );
        assert_eq!(
            parse_count_map(r#"{"gpt-4o": 20, "o3": 5.0}"#),
            Ok(expected)
        );
        assert_eq!(parse_count_map("0"), Ok(vec![]));
        assert_eq!(parse_count_map(""), Ok(vec![]));
        assert_eq!(parse_count_map("{}"), Ok(vec![]));
        assert!(parse_count_map("{'gpt-4o': 'many'}").is_err());
        assert!(parse_count_map("{'gpt-4o': -1}").is_err());
        assert!(parse_count_map("gpt-4o=20").is_err());
    }

    #[test]
    fn first_label_is_the_first_of_the_label_list() {
        let cases = [
            r#"["Engineering"]"#,
            r#"[" Engineering "]"#,
            "['Sales']",
            "['Sales', 'EMEA']",
            r#"["Sales, EMEA"]"#,
            r#"["A]"]"#,
            r#"["O'Brien"]"#,
            r#"["Tab\tbed"]"#,
            r#"[ "Spaced" ]"#,
            r#"["  "]"#,
            r#"["", "Second"]"#,
            r#"["Mixed']"#,
            "Finance",
            "[]",
            "",
            "None",
        ];
        for text in cases {
            let expected = parse_label_list(text).into_iter().next();
            assert_eq!(first_label(text).map(Cow::into_owned), expected, "{text}");
        }
        assert_eq!(
            first_label(r#"["Engineering"]"#),
            Some(Cow::Borrowed("Engineering"))
        );
    }

    #[test]
    fn reads_label_lists_in_every_form() {
        assert_eq!(parse_label_list(r#"["Engineering"]"#), vec!["Engineering"]);
        assert_eq!(parse_label_list("['Sales', 'EMEA']"), vec!["Sales", "EMEA"]);
        assert_eq!(parse_label_list("Finance"), vec!["Finance"]);
        assert_eq!(parse_label_list("[]"), Vec::<String>::new());
        assert_eq!(parse_label_list(""), Vec::<String>::new());
    }

    #[test]
    fn refuses_deep_nesting_without_overflowing() {
        let deep = "[".repeat(10_000);
        assert_eq!(parse_literal(&deep), None);
    }
}
