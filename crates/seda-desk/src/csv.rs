//! CSV of what a page shows, for a spreadsheet: RFC 4180 quoting, CRLF line ends, a
//! byte order mark so spreadsheets read Persian as UTF-8, and a text cell starting
//! with `= + - @` prefixed with `'` so a spreadsheet does not run it as a formula.

/// The whole file: a header row, then the rows.
pub fn write(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    line(&mut out, header.iter().copied());
    for row in rows {
        line(&mut out, row.iter().map(String::as_str));
    }
    out
}

fn line<'a>(out: &mut String, cells: impl Iterator<Item = &'a str>) {
    for (i, cell) in cells.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&cell_text(cell));
    }
    out.push_str("\r\n");
}

fn cell_text(cell: &str) -> String {
    let defused = if cell.starts_with(['=', '+', '-', '@']) && cell.parse::<f64>().is_err() { format!("'{cell}") } else { cell.to_owned() };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_defused() {
        let rows = vec![
            vec!["a,b".to_owned(), "say \"hi\"".to_owned(), "two\nlines".to_owned()],
            vec!["=SUM(A1)".to_owned(), "-12.5".to_owned(), "سلام".to_owned()],
        ];
        let text = write(&["x", "y", "z"], &rows);
        assert_eq!(text, "\u{feff}x,y,z\r\n\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n'=SUM(A1),-12.5,سلام\r\n");
    }
}
