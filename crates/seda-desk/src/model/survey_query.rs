//! What the survey page shows, kept in its address so a view can be shared: the
//! version, the dates, the period, the breakdown, the filters and the comments'
//! search. Read from the address's pairs and written back to them; the API's queries
//! are made from it.

/// The comments shown a page.
pub const COMMENTS_PER_PAGE: u32 = 25;

/// The survey page's choices. Empty means "not chosen" (the receiver's default).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SurveyQuery {
    pub version: String,
    /// `week` or `month`.
    pub period: String,
    /// `YYYY-MM-DD`, whole days, `to` included.
    pub from: String,
    pub to: String,
    /// The breakdown's dimension: `hidden.<id>`, `language` or `page`.
    pub by: String,
    /// Only responses with these values (`hidden.store` = `north`), in the order chosen.
    pub filters: Vec<(String, String)>,
    /// The comments' search text.
    pub q: String,
    /// `promoter`, `passive` or `detractor`.
    pub category: String,
    pub score_min: String,
    pub score_max: String,
    /// The first comment shown, from 0.
    pub offset: u32,
}

/// Whether `name` is a filter's name (a dimension).
pub fn is_dimension(name: &str) -> bool {
    name == "language" || name == "page" || name.strip_prefix("hidden.").is_some_and(|id| !id.is_empty())
}

impl SurveyQuery {
    /// From the address's query pairs; unknown names are left out.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut q = SurveyQuery::default();
        for (name, value) in pairs {
            let value = value.trim().to_owned();
            match name {
                "version" => q.version = value,
                "period" => q.period = value,
                "from" => q.from = value,
                "to" => q.to = value,
                "by" => q.by = value,
                "q" => q.q = value,
                "category" => q.category = value,
                "score_min" => q.score_min = value,
                "score_max" => q.score_max = value,
                "offset" => q.offset = value.parse().unwrap_or(0),
                name if is_dimension(name) && !value.is_empty() => q.set_filter(name, &value),
                _ => {}
            }
        }
        q
    }

    /// The pairs of the address, empty choices left out.
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut pairs = self.report_pairs();
        pairs.extend(self.comment_pairs());
        if self.offset > 0 {
            pairs.push(("offset".into(), self.offset.to_string()));
        }
        pairs
    }

    /// The query of `GET /admin/desk/surveys/{id}`.
    pub fn report_pairs(&self) -> Vec<(String, String)> {
        let mut pairs = named(&[("version", &self.version), ("from", &self.from), ("to", &self.to), ("period", &self.period), ("by", &self.by)]);
        pairs.extend(self.filters.iter().cloned());
        pairs
    }

    /// The query of `GET /admin/desk/comments` for `form`: the version, the dates, the
    /// filters and the search.
    pub fn comments_pairs(&self, form: &str) -> Vec<(String, String)> {
        self.comments_slice(form, COMMENTS_PER_PAGE, self.offset)
    }

    /// The same comments, `limit` of them from `offset` (the CSV reads them all this way).
    pub fn comments_slice(&self, form: &str, limit: u32, offset: u32) -> Vec<(String, String)> {
        let mut pairs = named(&[("form", form), ("version", &self.version), ("from", &self.from), ("to", &self.to)]);
        pairs.extend(self.comment_pairs());
        pairs.extend(self.filters.iter().cloned());
        pairs.push(("limit".into(), limit.to_string()));
        pairs.push(("offset".into(), offset.to_string()));
        pairs
    }

    fn comment_pairs(&self) -> Vec<(String, String)> {
        named(&[("q", &self.q), ("category", &self.category), ("score_min", &self.score_min), ("score_max", &self.score_max)])
    }

    /// Sets a filter (a new value replaces the old), or takes it away when `value` is empty.
    pub fn set_filter(&mut self, name: &str, value: &str) {
        self.filters.retain(|(n, _)| n != name);
        if !value.trim().is_empty() {
            self.filters.push((name.to_owned(), value.trim().to_owned()));
        }
    }

    /// The filter's value, or empty.
    pub fn filter(&self, name: &str) -> &str {
        self.filters.iter().find(|(n, _)| n == name).map_or("", |(_, v)| v.as_str())
    }
}

fn named(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().filter(|(_, v)| !v.is_empty()).map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_is_read_and_written_back_the_same() {
        let address = [
            ("version", "2"),
            ("period", "month"),
            ("from", "2026-11-01"),
            ("to", "2026-11-30"),
            ("by", "hidden.store"),
            ("hidden.store", "north"),
            ("language", "fa"),
            ("q", "slow"),
            ("category", "detractor"),
            ("offset", "25"),
            ("utm_source", "mail"),
            ("hidden.", "x"),
        ];
        let q = SurveyQuery::from_pairs(address);
        assert_eq!(q.filters, [("hidden.store".to_owned(), "north".to_owned()), ("language".to_owned(), "fa".to_owned())]);
        assert_eq!(q.offset, 25);
        let back: Vec<(String, String)> = q.to_pairs();
        let again = SurveyQuery::from_pairs(back.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        assert_eq!(again, q, "written and read again, nothing changes");
        assert!(!back.iter().any(|(n, _)| n == "utm_source" || n == "hidden."));
    }

    #[test]
    fn the_apis_queries_carry_what_each_route_takes() {
        let mut q = SurveyQuery { version: "1".into(), from: "2026-11-01".into(), by: "language".into(), q: "late".into(), ..Default::default() };
        q.set_filter("page", "https://shop.example/a");
        let report: Vec<String> = q.report_pairs().into_iter().map(|(n, v)| format!("{n}={v}")).collect();
        assert_eq!(report, ["version=1", "from=2026-11-01", "by=language", "page=https://shop.example/a"]);
        let comments: Vec<String> = q.comments_pairs("nps").into_iter().map(|(n, v)| format!("{n}={v}")).collect();
        assert_eq!(comments, ["form=nps", "version=1", "from=2026-11-01", "q=late", "page=https://shop.example/a", "limit=25", "offset=0"]);
    }

    #[test]
    fn a_filter_is_replaced_or_taken_away() {
        let mut q = SurveyQuery::default();
        q.set_filter("language", "fa");
        q.set_filter("language", "en");
        assert_eq!(q.filter("language"), "en");
        q.set_filter("language", " ");
        assert!(q.filters.is_empty());
    }
}
