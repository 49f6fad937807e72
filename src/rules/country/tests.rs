//! The country rules on whole texts, through the engine.

use crate::config::Settings;
use crate::rules::testing::{assert_fires, assert_silent, check_with, first_fix, findings};

const DATE: &str = "2021-09-24";

#[test]
fn smoke() {
    assert_fires("country/misspelled", "The minister visited the Phillipines.", DATE, "Phillipines");
    let _ = (assert_silent, check_with, first_fix, findings, Settings::default());
}
