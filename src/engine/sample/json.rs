//! A tiny JSON writer that keeps keys in the order the vendors write them, plus the id and
//! time formats the generated files share (UUIDs, ISO-8601 timestamps, decimals, base64).
//!
//! No floats are formatted: amounts are integers in fixed units printed as decimals, so the
//! bytes are the same natively and in wasm.

use std::fmt::Write;

use super::rng::{Rng, HEX};
use crate::engine::date::civil_from_days;

/// One JSON object being written into `out`; keys are written in call order.
pub(super) struct Obj<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Obj<'a> {
    pub(super) fn open(out: &'a mut String) -> Self {
        out.push('{');
        Obj { out, first: true }
    }

    fn key(&mut self, key: &str) {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        push_str(self.out, key);
        self.out.push(':');
    }

    pub(super) fn str(mut self, key: &str, value: &str) -> Self {
        self.key(key);
        push_str(self.out, value);
        self
    }

    /// A string, or `null`.
    pub(super) fn opt_str(self, key: &str, value: Option<&str>) -> Self {
        match value {
            Some(v) => self.str(key, v),
            None => self.raw(key, "null"),
        }
    }

    pub(super) fn int(mut self, key: &str, value: i64) -> Self {
        self.key(key);
        let _ = write!(self.out, "{value}");
        self
    }

    /// An integer, or `null`.
    pub(super) fn opt_int(self, key: &str, value: Option<i64>) -> Self {
        match value {
            Some(v) => self.int(key, v),
            None => self.raw(key, "null"),
        }
    }

    /// `value / 10^places` as a JSON number (always with a fractional part).
    pub(super) fn dec(self, key: &str, value: i64, places: u32) -> Self {
        self.raw(key, &decimal(value, places, true))
    }

    pub(super) fn bool(self, key: &str, value: bool) -> Self {
        self.raw(key, if value { "true" } else { "false" })
    }

    /// Pre-rendered JSON (`null`, `[]`, a number).
    pub(super) fn raw(mut self, key: &str, json: &str) -> Self {
        self.key(key);
        self.out.push_str(json);
        self
    }

    /// A nested object written by `f`.
    pub(super) fn obj(mut self, key: &str, f: impl for<'b> FnOnce(Obj<'b>) -> Obj<'b>) -> Self {
        self.key(key);
        f(Obj::open(&mut *self.out)).close();
        self
    }

    /// An array of objects, one per item, each written by `f`.
    pub(super) fn arr<T>(
        mut self,
        key: &str,
        items: &[T],
        mut f: impl for<'b> FnMut(Obj<'b>, &T) -> Obj<'b>,
    ) -> Self {
        self.key(key);
        self.out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            f(Obj::open(&mut *self.out), item).close();
        }
        self.out.push(']');
        self
    }

    /// An array of strings.
    pub(super) fn strs(mut self, key: &str, items: &[&str]) -> Self {
        self.key(key);
        self.out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            push_str(self.out, item);
        }
        self.out.push(']');
        self
    }

    pub(super) fn close(self) {
        self.out.push('}');
    }
}

/// A JSON string literal (quotes and escapes included).
pub(super) fn push_str(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        let escaped = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\t' => "\\t",
            b'\r' => "\\r",
            0..=0x1f => "",
            _ => continue,
        };
        // Escaped bytes are ASCII, so `i` is a character boundary.
        out.push_str(s.get(start..i).unwrap_or(""));
        if escaped.is_empty() {
            let _ = write!(out, "\\u{b:04x}");
        } else {
            out.push_str(escaped);
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or(""));
    out.push('"');
}

/// `value / 10^places` in decimal: trailing zeros trimmed, `.0` kept when `keep_point`.
pub(super) fn decimal(value: i64, places: u32, keep_point: bool) -> String {
    let scale = 10i64.pow(places);
    let sign = if value < 0 { "-" } else { "" };
    let (int, frac) = (value.abs() / scale, value.abs() % scale);
    if frac == 0 {
        return if keep_point {
            format!("{sign}{int}.0")
        } else {
            format!("{sign}{int}")
        };
    }
    let digits = format!("{frac:0width$}", width = places as usize);
    format!("{sign}{int}.{}", digits.trim_end_matches('0'))
}

/// A random version-4-looking UUID.
pub(super) fn uuid(rng: &mut Rng) -> String {
    let h = rng.string_of(HEX, 32);
    let variant = ["8", "9", "a", "b"][rng.index(4)];
    format!(
        "{}-{}-4{}-{}{}-{}",
        &h[..8],
        &h[8..12],
        &h[13..16],
        variant,
        &h[17..20],
        &h[20..]
    )
}

/// `2026-10-20T09:14:03` from unix seconds (UTC), without fraction or zone.
fn iso_seconds(unix: i64) -> String {
    let (y, m, d) = civil_from_days(unix.div_euclid(86_400) as i32);
    let s = unix.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// ISO-8601 with microseconds and `Z` from unix microseconds: `…T09:14:03.501218Z`.
pub(super) fn iso_micros(micros: i64) -> String {
    format!(
        "{}.{:06}Z",
        iso_seconds(micros.div_euclid(1_000_000)),
        micros.rem_euclid(1_000_000)
    )
}

/// ISO-8601 with milliseconds and `Z`.
pub(super) fn iso_millis(millis: i64) -> String {
    format!(
        "{}.{:03}Z",
        iso_seconds(millis.div_euclid(1000)),
        millis.rem_euclid(1000)
    )
}

/// ISO-8601 seconds with `Z`, as GitHub writes them.
pub(super) fn iso_z(unix: i64) -> String {
    format!("{}Z", iso_seconds(unix))
}

/// Standard base64 with padding (GitHub's legacy node ids: `base64("04:User123")`).
pub(super) fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(A[(n >> (18 - 6 * k) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writer_and_formats() {
        let mut s = String::new();
        Obj::open(&mut s)
            .str("a", "q\"\n\\")
            .opt_str("b", None)
            .int("c", -3)
            .dec("d", 1250, 2)
            .bool("e", true)
            .obj("f", |o| o.strs("g", &["x"]))
            .arr("h", &[1, 2], |o, n| o.int("n", *n))
            .close();
        assert_eq!(
            s,
            r#"{"a":"q\"\n\\","b":null,"c":-3,"d":12.5,"e":true,"f":{"g":["x"]},"h":[{"n":1},{"n":2}]}"#
        );
        let v: serde_json::Value = serde_json::from_str(&s).expect("valid JSON");
        assert_eq!(v["a"], "q\"\n\\");
        let mut e = String::new();
        push_str(&mut e, "é\u{1}x\t");
        assert_eq!(e, "\"é\\u0001x\\t\"");
        assert_eq!(decimal(1200, 2, true), "12.0");
        assert_eq!(decimal(5, 3, false), "0.005");
        assert_eq!(decimal(-150, 2, false), "-1.5");
        assert_eq!(
            iso_micros(1_780_272_000_000_001),
            "2026-06-01T00:00:00.000001Z"
        );
        assert_eq!(iso_z(86_399), "1970-01-01T23:59:59Z");
        assert_eq!(base64(b"04:User1"), "MDQ6VXNlcjE=");
        assert_eq!(base64(b"ab"), "YWI=");
        let mut rng = Rng::new(1, 1);
        let u = uuid(&mut rng);
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
    }
}
