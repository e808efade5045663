//! A small map from string keys to values that keeps insertion order.
//!
//! The maps here are tiny (a form's answers, a tag's attributes, a few headers), so a
//! vector scan is as fast as a tree, and it costs the wasm far less code than
//! `BTreeMap`, whose nodes, iterators and bulk-build sort are tens of kilobytes.

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pairs<V>(Vec<(String, V)>);

impl<V> Default for Pairs<V> {
    fn default() -> Self {
        Pairs(Vec::new())
    }
}

impl<V> Pairs<V> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.0.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key` to `value`, in place if it is there (returning the old value), else at the end.
    pub fn insert(&mut self, key: impl Into<String>, value: V) -> Option<V> {
        let key = key.into();
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, slot)) => Some(std::mem::replace(slot, value)),
            None => {
                self.0.push((key, value));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<V> {
        let at = self.0.iter().position(|(k, _)| k == key)?;
        Some(self.0.remove(at).1)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keeps the entries for which `keep` is true.
    pub fn retain(&mut self, mut keep: impl FnMut(&str, &V) -> bool) {
        self.0.retain(|(k, v)| keep(k, v));
    }
}

/// A later entry for the same key replaces the earlier one.
impl<K: Into<String>, V> FromIterator<(K, V)> for Pairs<V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut pairs = Pairs::new();
        for (k, v) in iter {
            pairs.insert(k, v);
        }
        pairs
    }
}

impl<K: Into<String>, V, const N: usize> From<[(K, V); N]> for Pairs<V> {
    fn from(entries: [(K, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn behaves_as_a_map_that_keeps_order() {
        let mut p: Pairs<i32> = [("b", 1), ("a", 2), ("b", 3)].into();
        assert_eq!(p.iter().collect::<Vec<_>>(), [("b", &3), ("a", &2)]);
        assert_eq!(p.insert("a", 4), Some(2));
        assert_eq!(p.insert("c", 5), None);
        assert_eq!(p.keys().collect::<Vec<_>>(), ["b", "a", "c"]);
        assert_eq!(p.remove("b"), Some(3));
        assert_eq!(p.remove("b"), None);
        assert_eq!((p.get("a"), p.get("z"), p.len()), (Some(&4), None, 2));
        p.retain(|k, _| k != "a");
        assert_eq!(p.keys().collect::<Vec<_>>(), ["c"]);
    }
}
