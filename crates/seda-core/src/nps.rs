//! The Net Promoter Score's grouping of a 0-10 score.

named_enum! {
    /// The standard NPS grouping: detractors 0-6, passives 7-8, promoters 9-10.
    pub enum NpsCategory {
        Detractor = "detractor",
        Passive = "passive",
        Promoter = "promoter",
    }
}

impl NpsCategory {
    pub fn of(score: i64) -> Self {
        match score {
            9.. => NpsCategory::Promoter,
            7..=8 => NpsCategory::Passive,
            _ => NpsCategory::Detractor,
        }
    }
}
