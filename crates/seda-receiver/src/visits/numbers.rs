//! The figures' arithmetic. The engine writes scores and points as exact decimals
//! with at most two places; here they are read back as integer hundredths, and
//! scores, means and rates are rounded half up to one decimal place only once, at
//! the end, so the desk shows what the engine scored.

use serde_json::Value;

/// A JSON number with at most two decimals as hundredths (`80.5` is 8050); `None`
/// for anything else.
pub fn hundredths(v: &Value) -> Option<i64> {
    let text = match v {
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    if frac.len() > 2 || int.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac = format!("{frac:0<2}");
    let n = int.parse::<i64>().ok()?.checked_mul(100)?.checked_add(frac.parse::<i64>().ok()?)?;
    Some(if negative { -n } else { n })
}

/// a / b rounded half up (half away from zero), for b > 0.
fn div_round(a: i128, b: i128) -> i64 {
    let q = (2 * a.abs() + b) / (2 * b);
    (if a < 0 { -q } else { q }) as i64
}

/// Tenths as the number JSON shows (`805` is 80.5).
pub fn tenths_value(tenths: i64) -> Value {
    serde_json::Number::from_f64(tenths as f64 / 10.0).map_or(Value::Null, Value::Number)
}

/// Hundredths rounded to one decimal place, as JSON.
pub fn one_decimal(hundredths: i64) -> Value {
    tenths_value(div_round(i128::from(hundredths), 10))
}

/// The mean of hundredths, to one decimal place; `None` for no values.
pub fn mean(values: &[i64]) -> Option<Value> {
    let n = i128::try_from(values.len()).ok().filter(|n| *n > 0)?;
    let sum: i128 = values.iter().map(|v| i128::from(*v)).sum();
    Some(tenths_value(div_round(sum, 10 * n)))
}

/// `part` of `whole` as a percent to one decimal place; `None` when `whole` is 0.
pub fn percent(part: u64, whole: u64) -> Option<Value> {
    (whole > 0).then(|| tenths_value(div_round(1000 * i128::from(part), i128::from(whole))))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn numbers_read_as_hundredths() {
        let cases = [(json!(80.5), Some(8050)), (json!(100), Some(10_000)), (json!(0.05), Some(5)), (json!(-1.25), Some(-125)), (json!(1.234), None), (json!("80"), None), (Value::Null, None)];
        for (v, expected) in cases {
            assert_eq!(hundredths(&v), expected, "{v}");
        }
    }

    #[test]
    fn rounding_is_half_up_once() {
        // (hundredths, one decimal): 80.55 -> 80.6 (half up), 80.54 -> 80.5, 66.67 -> 66.7.
        for (h, expected) in [(8055, 80.6), (8054, 80.5), (6667, 66.7), (0, 0.0), (10_000, 100.0)] {
            assert_eq!(one_decimal(h), json!(expected), "{h}");
        }
    }

    #[test]
    fn means_and_rates() {
        // (80.00 + 90.50 + 61.25) / 3 = 231.75 / 3 = 77.25 -> 77.3 (half up).
        assert_eq!(mean(&[8000, 9050, 6125]), Some(json!(77.3)));
        // (70.00 + 70.10) / 2 = 70.05 -> 70.1, not 70.0 as rounding each first would give.
        assert_eq!(mean(&[7000, 7010]), Some(json!(70.1)));
        assert_eq!(mean(&[]), None);
        // 1 of 3 = 33.33 % -> 33.3; 2 of 3 = 66.67 % -> 66.7; 1 of 8 = 12.5 %.
        assert_eq!(percent(1, 3), Some(json!(33.3)));
        assert_eq!(percent(2, 3), Some(json!(66.7)));
        assert_eq!(percent(1, 8), Some(json!(12.5)));
        assert_eq!(percent(0, 0), None);
    }
}
