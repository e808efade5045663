//! The survey statistics, pure: counts of scores on a scale, and what the desk reads
//! from them (NPS with its 95% confidence interval, CSAT, CES). Nothing here rounds:
//! JSON rounds to one decimal place ([`round1`]).

/// How many answers gave each value of a scale `min..=max`; values outside are not counted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tally {
    min: i64,
    counts: Vec<u64>,
}

impl Tally {
    pub fn new(min: i64, max: i64) -> Tally {
        Tally { min, counts: vec![0; usize::try_from(max - min + 1).unwrap_or(0)] }
    }

    /// The 0-10 scale of an NPS question.
    pub fn nps() -> Tally {
        Tally::new(0, 10)
    }

    /// Counts `value`; false (and nothing counted) when it is off the scale.
    pub fn add(&mut self, value: i64) -> bool {
        match usize::try_from(value - self.min).ok().and_then(|i| self.counts.get_mut(i)) {
            Some(c) => {
                *c += 1;
                true
            }
            None => false,
        }
    }

    /// How many answers were counted.
    pub fn n(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// How many answers gave a value in `range`.
    pub fn count_in(&self, range: std::ops::RangeInclusive<i64>) -> u64 {
        self.distribution().filter(|(v, _)| range.contains(v)).map(|(_, c)| c).sum()
    }

    /// Every value of the scale with its count, lowest first (zeros included).
    pub fn distribution(&self) -> impl Iterator<Item = (i64, u64)> + '_ {
        self.counts.iter().enumerate().map(|(i, c)| (self.min + i as i64, *c))
    }

    fn sum(&self) -> f64 {
        self.distribution().map(|(v, c)| v as f64 * c as f64).sum()
    }
}

/// The Net Promoter Score of some 0-10 answers.
#[derive(Clone, Debug, PartialEq)]
pub struct Nps {
    pub n: u64,
    pub promoters: u64,
    pub passives: u64,
    pub detractors: u64,
    /// 100 (P − D) / n, from −100 to 100.
    pub score: f64,
    /// The 95% confidence interval, clipped to [−100, 100].
    pub ci_low: f64,
    pub ci_high: f64,
}

/// NPS of a 0-10 tally: promoters 9-10, detractors 0-6. With p = P/n and d = D/n the
/// score is 100(p − d); its variance (p + d) − (p − d)², se = √(var / n), and the 95%
/// interval score ± 1.96 · 100 · se. `None` without answers.
pub fn nps(tally: &Tally) -> Option<Nps> {
    let n = tally.n();
    if n == 0 {
        return None;
    }
    let (promoters, passives, detractors) = (tally.count_in(9..=10), tally.count_in(7..=8), tally.count_in(0..=6));
    let (p, d) = (promoters as f64 / n as f64, detractors as f64 / n as f64);
    let variance = ((p + d) - (p - d).powi(2)).max(0.0);
    let margin = 196.0 * (variance / n as f64).sqrt();
    let score = 100.0 * (p - d);
    Some(Nps { n, promoters, passives, detractors, score, ci_low: (score - margin).max(-100.0), ci_high: (score + margin).min(100.0) })
}

/// Customer satisfaction of a 1-5 tally: the share of 4s and 5s.
#[derive(Clone, Debug, PartialEq)]
pub struct Csat {
    pub n: u64,
    pub satisfied: u64,
    /// 100 · satisfied / n.
    pub percent: f64,
}

pub fn csat(tally: &Tally) -> Option<Csat> {
    let n = tally.n();
    let satisfied = tally.count_in(4..=5);
    (n > 0).then(|| Csat { n, satisfied, percent: 100.0 * satisfied as f64 / n as f64 })
}

/// Customer effort of a 1-7 tally: the mean answer (higher is easier).
pub fn ces_mean(tally: &Tally) -> Option<f64> {
    let n = tally.n();
    (n > 0).then(|| tally.sum() / n as f64)
}

/// `x` to one decimal place, halves away from zero (as JSON shows every figure).
pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(min: i64, max: i64, scores: &[i64]) -> Tally {
        let mut t = Tally::new(min, max);
        for s in scores {
            t.add(*s);
        }
        t
    }

    /// (promoters, passives, detractors) and (score, ci_low, ci_high), each rounded.
    type Groups = (u64, u64, u64);
    type Figures = (f64, f64, f64);

    #[test]
    fn nps_and_its_interval() {
        let cases: [(Groups, Figures); 6] = [
            // n 20: p .4, d .3, score 10; var .7 − .01 = .69; se √(.69/20) = .18574;
            // margin 196 · .18574 = 36.405 → [−26.4, 46.4].
            ((8, 6, 6), (10.0, -26.4, 46.4)),
            // All promoters: var 1 − 1 = 0, so the interval is the score itself.
            ((10, 0, 0), (100.0, 100.0, 100.0)),
            // n 4: p .75, d .25, score 50; var 1 − .25 = .75; se √(.75/4) = .43301;
            // margin 84.87 → [−34.87, 134.87], clipped above to 100.
            ((3, 0, 1), (50.0, -34.9, 100.0)),
            // n 10: d .8, score −80; var .8 − .64 = .16; se √.016 = .12649; margin 24.79
            // → [−104.79, −55.21], clipped below to −100.
            ((0, 2, 8), (-80.0, -100.0, -55.2)),
            // n 10: p .5, score 50; var .5 − .25 = .25; se √.025 = .15811; margin 30.99.
            ((5, 5, 0), (50.0, 19.0, 81.0)),
            // n 3: one of each, score 0; var 2/3; se √(2/9) = .47140; margin 92.39.
            ((1, 1, 1), (0.0, -92.4, 92.4)),
        ];
        for ((p, pa, d), (score, low, high)) in cases {
            let scores: Vec<i64> = [(10, p), (7, pa), (3, d)].iter().flat_map(|(v, k)| std::iter::repeat_n(*v, *k as usize)).collect();
            let r = nps(&tally(0, 10, &scores)).unwrap();
            assert_eq!((r.n, r.promoters, r.passives, r.detractors), (p + pa + d, p, pa, d));
            assert_eq!((round1(r.score), round1(r.ci_low), round1(r.ci_high)), (score, low, high), "{p}/{pa}/{d}");
        }
        assert_eq!(nps(&Tally::nps()), None, "no answers, no score");
    }

    #[test]
    fn nps_groups_by_the_standard_bounds() {
        // 0-6 detractors, 7-8 passives, 9-10 promoters: 7 + 2 + 2 of 11.
        let r = nps(&tally(0, 10, &(0..=10).collect::<Vec<_>>())).unwrap();
        assert_eq!((r.detractors, r.passives, r.promoters), (7, 2, 2));
        // 100 (2 − 7) / 11 = −45.45.
        assert_eq!(round1(r.score), -45.5);
    }

    fn csat_of(n: u64, satisfied: u64, percent: f64) -> Csat {
        Csat { n, satisfied, percent }
    }

    #[test]
    fn csat_and_ces() {
        // (1-5 answers) → (n, satisfied, percent): 4s and 5s are satisfied.
        let csat_cases: [(&[i64], Csat); 3] =
            [(&[5, 4, 4, 3, 1], csat_of(5, 3, 60.0)), (&[5, 5, 4, 4, 2], csat_of(5, 4, 80.0)), (&[1, 2, 3], csat_of(3, 0, 0.0))];
        for (scores, expected) in csat_cases {
            let c = csat(&tally(1, 5, scores)).unwrap();
            assert_eq!(Csat { percent: round1(c.percent), ..c }, expected, "{scores:?}");
        }
        assert_eq!(csat(&Tally::new(1, 5)), None);
        // (1-7 answers) → mean: 26 / 5 = 5.2; 10 / 3 = 3.33.
        let ces_cases: [(&[i64], f64); 2] = [(&[7, 6, 5, 5, 3], 5.2), (&[1, 2, 7], 3.3)];
        for (scores, mean) in ces_cases {
            assert_eq!(ces_mean(&tally(1, 7, scores)).map(round1), Some(mean), "{scores:?}");
        }
        assert_eq!(ces_mean(&Tally::new(1, 7)), None);
    }

    #[test]
    fn a_tally_keeps_the_scale() {
        let mut t = Tally::new(1, 5);
        assert!(!t.add(0) && !t.add(6), "off the scale");
        assert!(t.add(5));
        assert_eq!(t.distribution().collect::<Vec<_>>(), [(1, 0), (2, 0), (3, 0), (4, 0), (5, 1)]);
    }

    #[test]
    fn rounding() {
        for (x, r) in [(10.0, 10.0), (44.949, 44.9), (44.95, 45.0), (-24.96, -25.0), (0.04, 0.0)] {
            assert_eq!(round1(x), r, "{x}");
        }
    }
}
