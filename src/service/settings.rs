//! What an admin sets for the whole servicedesk: the settings, the pick
//! lists and their first contents.

use crate::domain::access::Setting;
use crate::domain::reference::{ChoiceList, ReferenceData};
use crate::store::{Result, Store};

/// Stores a setting; the value as stored (normalised), or why not.
pub fn set(store: &Store, key: Setting, value: &str) -> Result<String> {
    store.set_setting(key, value)
}

/// Adds a choice to a pick list, or makes a retired one current again.
pub fn add_choice(store: &Store, list: &ChoiceList, name: &str) -> Result<()> {
    store.add_choice(list, name)
}

/// Fills the pick lists, teams and people a new servicedesk starts with;
/// what is there already stays.
pub fn seed(store: &Store, data: &ReferenceData) -> Result<()> {
    store.seed_reference(data)
}
