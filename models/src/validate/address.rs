//! The rule for an asset's network address (IPアドレス), shared by the ledger import and the
//! app's field check (which runs the same cases: `models/testdata/addresses.json`).

/// Full-width ASCII (ＡＢＣ１２３, typed with an IME) as half-width; the ideographic space as a space.
#[must_use]
pub fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            0x3000 => ' ',
            _ => c,
        })
        .collect()
}

/// Is `s` one or more IPv4/IPv6 addresses, each with an optional `/prefix`, separated by
/// `;` `,` `、` spaces or new lines? Empty is valid (the address is optional).
#[must_use]
pub fn is_valid_address(s: &str) -> bool {
    let s = fold_width(s);
    s.split([';', ',', '、', ' ', '\n'])
        .filter(|p| !p.trim().is_empty())
        .all(|p| {
            let p = p.trim();
            let (ip, prefix) = p.split_once('/').map_or((p, None), |(a, b)| (a, Some(b)));
            match ip.parse::<std::net::IpAddr>() {
                Ok(std::net::IpAddr::V4(_)) => {
                    prefix.is_none_or(|x| x.parse::<u8>().is_ok_and(|n| n <= 32))
                }
                Ok(std::net::IpAddr::V6(_)) => {
                    prefix.is_none_or(|x| x.parse::<u8>().is_ok_and(|n| n <= 128))
                }
                Err(_) => false,
            }
        })
}

#[cfg(test)]
mod tests {
    use super::is_valid_address;

    /// The cases the app's check runs too (ui/test/validation.test.ts).
    #[test]
    fn shared_cases() {
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../../testdata/addresses.json")).unwrap();
        for v in cases["valid"].as_array().unwrap() {
            assert!(is_valid_address(v.as_str().unwrap()), "valid: {v}");
        }
        for v in cases["invalid"].as_array().unwrap() {
            assert!(!is_valid_address(v.as_str().unwrap()), "invalid: {v}");
        }
    }
}
