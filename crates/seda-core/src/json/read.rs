//! The JSON reader: one document into a [`Value`], a syntax error naming the JSON path,
//! line and column where reading stopped.

use super::*;

/// Reads one JSON document (surrounding whitespace allowed, nothing else after it).
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let mut r = Reader { text, bytes: text.as_bytes(), pos: 0, path: String::new(), depth: 0 };
    let value = r.value()?;
    r.skip_space();
    if r.pos < r.bytes.len() {
        return Err(r.fail("trailing characters after the document"));
    }
    Ok(value)
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    /// The path of the value being read.
    path: String,
    depth: usize,
}

impl Reader<'_> {
    fn fail(&self, message: impl Into<String>) -> SyntaxError {
        let before = &self.text[..self.pos.min(self.text.len())];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        SyntaxError {
            path: self.path.clone(),
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect_word(&mut self, word: &str, value: Value) -> Result<Value, SyntaxError> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.fail("expected a value (a string, number, object, list, true, false or null)"))
        }
    }

    fn value(&mut self) -> Result<Value, SyntaxError> {
        self.skip_space();
        match self.peek() {
            None => Err(self.fail("the document ends where a value was expected")),
            Some(b'{') => self.nested(Reader::object),
            Some(b'[') => self.nested(Reader::array),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.expect_word("true", Value::Bool(true)),
            Some(b'f') => self.expect_word("false", Value::Bool(false)),
            Some(b'n') => self.expect_word("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.fail("expected a value (a string, number, object, list, true, false or null)")),
        }
    }

    fn nested(&mut self, read: fn(&mut Self) -> Result<Value, SyntaxError>) -> Result<Value, SyntaxError> {
        if self.depth == MAX_DEPTH {
            return Err(self.fail(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        self.depth += 1;
        self.pos += 1;
        let value = read(self);
        self.depth -= 1;
        value
    }

    /// After `[`.
    fn array(&mut self) -> Result<Value, SyntaxError> {
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        let outer = self.path.len();
        loop {
            self.path.truncate(outer);
            self.path.push('[');
            self.path.push_str(&items.len().to_string());
            self.path.push(']');
            items.push(self.value()?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    self.path.truncate(outer);
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.fail("expected ',' or ']' after a list item")),
            }
        }
    }

    /// After `{`.
    fn object(&mut self) -> Result<Value, SyntaxError> {
        let mut members: Vec<(String, Value)> = Vec::new();
        // Repeated keys are found by a scan in small objects and a set in large ones,
        // so a hostile object of many thousand keys is not read in quadratic time.
        let mut keys: Option<std::collections::HashSet<String>> = None;
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        let outer = self.path.len();
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.fail("expected a quoted key"));
            }
            let key_at = self.pos;
            let key = self.string()?;
            self.path.truncate(outer);
            if outer > 0 {
                self.path.push('.');
            }
            self.path.push_str(&key);
            let repeated = match &mut keys {
                Some(set) => !set.insert(key.clone()),
                None => members.iter().any(|(k, _)| *k == key),
            };
            if repeated {
                self.pos = key_at;
                return Err(self.fail(format!("\"{key}\" is given twice")));
            }
            self.skip_space();
            if self.peek() != Some(b':') {
                return Err(self.fail("expected ':' after a key"));
            }
            self.pos += 1;
            let value = self.value()?;
            members.push((key, value));
            if keys.is_none() && members.len() == 16 {
                keys = Some(members.iter().map(|(k, _)| k.clone()).collect());
            }
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    self.path.truncate(outer);
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.fail("expected ',' or '}' after a member")),
            }
        }
    }

    /// At `"`.
    fn string(&mut self) -> Result<String, SyntaxError> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // Both ends are ASCII bytes, so the slice falls on character boundaries.
            out.push_str(&self.text[start..self.pos]);
            match self.peek() {
                None => return Err(self.fail("a string is not closed")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = self.escape()?;
                    out.push(c);
                }
                Some(_) => return Err(self.fail("a control character inside a string (write \\n, \\t or \\u00XX)")),
            }
        }
    }

    /// After a backslash.
    fn escape(&mut self) -> Result<char, SyntaxError> {
        let b = self.peek().ok_or_else(|| self.fail("a string is not closed"))?;
        self.pos += 1;
        Ok(match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = match first {
                    0xd800..=0xdbff => {
                        if !self.bytes[self.pos..].starts_with(b"\\u") {
                            return Err(self.fail("a lone surrogate in a \\u escape"));
                        }
                        self.pos += 2;
                        let second = self.hex4()?;
                        if !(0xdc00..=0xdfff).contains(&second) {
                            return Err(self.fail("a lone surrogate in a \\u escape"));
                        }
                        0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00)
                    }
                    0xdc00..=0xdfff => return Err(self.fail("a lone surrogate in a \\u escape")),
                    n => n,
                };
                char::from_u32(code).ok_or_else(|| self.fail("an invalid \\u escape"))?
            }
            _ => {
                self.pos -= 1;
                return Err(self.fail("an unknown escape in a string"));
            }
        })
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self.bytes.get(self.pos..self.pos + 4).ok_or_else(|| self.fail("a \\u escape needs four hex digits"))?;
        let mut n = 0;
        for &d in digits {
            let v = (d as char).to_digit(16).ok_or_else(|| self.fail("a \\u escape needs four hex digits"))?;
            n = n * 16 + v;
        }
        self.pos += 4;
        Ok(n)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_at = self.pos;
        let int_digits = self.digits();
        if int_digits == 0 || (int_digits > 1 && self.bytes[int_at] == b'0') {
            self.pos = int_at;
            return Err(self.fail("a number needs digits, without leading zeros"));
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.fail("a number needs digits after its decimal point"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.fail("a number needs digits in its exponent"));
            }
        }
        Ok(Value::Number(self.text[start..self.pos].to_owned()))
    }
}
