//! Readable numbers for protected assets and the project's countermeasures (M-001),
//! shown next to the stable keys in the register, the workbook and the app, and stable across
//! exports: a number is given once, when the item is added (the app, imports) or, for a file
//! written before numbers existed, when it is first opened; it is kept in the file and never
//! reused while the item exists. Register rows read as `A-012/T03` (asset number / threat).

use super::Project;
use std::collections::HashSet;

fn assign_in<T>(items: &mut [T], number: impl Fn(&mut T) -> &mut u32) {
    let mut used: HashSet<u32> = HashSet::with_capacity(items.len());
    let mut max = 0;
    // Keep the first holder of each number; zero (none yet) and later duplicates get fresh
    // numbers after the highest, in project order (deterministic).
    let mut fresh = Vec::new();
    for (i, it) in items.iter_mut().enumerate() {
        let n = *number(it);
        if n != 0 && used.insert(n) {
            max = max.max(n);
        } else {
            fresh.push(i);
        }
    }
    // After the highest; should the highest be u32::MAX (a hand-edited file), the lowest
    // numbers still free.
    let mut low = 0u32;
    for i in fresh {
        let n = match max.checked_add(1) {
            Some(n) => {
                max = n;
                n
            }
            None => loop {
                low += 1;
                if !used.contains(&low) {
                    break low;
                }
            },
        };
        used.insert(n);
        *number(&mut items[i]) = n;
    }
}

/// Give every asset and countermeasure without a number (or with a duplicated one) the next
/// free number. Returns whether anything changed.
pub fn assign(project: &mut Project) -> bool {
    let before: Vec<u32> = project
        .assets
        .iter()
        .map(|a| a.number)
        .chain(project.countermeasures.iter().map(|m| m.number))
        .collect();
    assign_in(&mut project.assets, |a| &mut a.number);
    assign_in(&mut project.countermeasures, |m| &mut m.number);
    let after = project
        .assets
        .iter()
        .map(|a| a.number)
        .chain(project.countermeasures.iter().map(|m| m.number));
    !before.into_iter().eq(after)
}

/// For serde: leave an unassigned number out of the file.
pub fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// `A-012` (at least three digits).
pub fn asset_label(n: u32) -> String {
    format!("A-{n:03}")
}

/// `M-003`.
pub fn measure_label(n: u32) -> String {
    format!("M-{n:03}")
}

/// A register row's readable id, `A-012/T03`.
pub fn risk_label(asset: u32, threat: &str) -> String {
    format!("A-{asset:03}/{threat}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Project, ProtectedAsset};

    #[test]
    fn numbers_are_given_once_in_order_and_kept() {
        let mut p = Project::new("t");
        for n in ["PLC", "HMI", "SCADA"] {
            p.assets.push(ProtectedAsset::new(n, "plc"));
        }
        assert!(assign(&mut p));
        let nums: Vec<u32> = p.assets.iter().map(|a| a.number).collect();
        assert_eq!(nums, [1, 2, 3]);
        assert!(!assign(&mut p), "a second pass changes nothing");
        // Deleting the second and adding one: the new asset gets 4, the others keep theirs.
        p.assets.remove(1);
        p.assets.push(ProtectedAsset::new("EWS", "ews"));
        assign(&mut p);
        let nums: Vec<u32> = p.assets.iter().map(|a| a.number).collect();
        assert_eq!(nums, [1, 3, 4]);
        assert_eq!(asset_label(4), "A-004");
        assert_eq!(risk_label(12, "T03"), "A-012/T03");
    }

    #[test]
    fn a_duplicated_number_is_repaired_keeping_the_first() {
        let mut p = Project::new("t");
        for (n, num) in [("a", 5), ("b", 5), ("c", 0)] {
            let mut a = ProtectedAsset::new(n, "plc");
            a.number = num;
            p.assets.push(a);
        }
        assign(&mut p);
        let nums: Vec<u32> = p.assets.iter().map(|a| a.number).collect();
        assert_eq!(nums, [5, 6, 7]);
        // A number at the top of the range: the others take the lowest free ones.
        p.assets[0].number = u32::MAX;
        p.assets[1].number = 0;
        p.assets[2].number = 1;
        assign(&mut p);
        let nums: Vec<u32> = p.assets.iter().map(|a| a.number).collect();
        assert_eq!(nums, [u32::MAX, 2, 1]);
    }
}
