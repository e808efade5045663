//! Where a chart's points go, in the reading direction of the page.

/// The horizontal position of point `i` of `count` on a line chart `width` wide, with
/// a margin of 10 on each side: oldest first in the reading direction, so left to right
/// in English and right to left in Persian. One point sits in the middle.
pub fn across(i: usize, count: usize, width: f64, rtl: bool) -> f64 {
    if count <= 1 {
        return width / 2.0;
    }
    let ltr = 10.0 + i as f64 * (width - 20.0) / (count - 1) as f64;
    if rtl {
        width - ltr
    } else {
        ltr
    }
}

#[cfg(test)]
mod tests {
    use super::across;

    #[test]
    fn oldest_first_in_the_reading_direction() {
        let ltr: Vec<f64> = (0..3).map(|i| across(i, 3, 600.0, false)).collect();
        let rtl: Vec<f64> = (0..3).map(|i| across(i, 3, 600.0, true)).collect();
        assert_eq!(ltr, [10.0, 300.0, 590.0]);
        assert_eq!(rtl, [590.0, 300.0, 10.0]);
        assert_eq!((across(0, 1, 600.0, false), across(0, 1, 600.0, true)), (300.0, 300.0));
    }
}
