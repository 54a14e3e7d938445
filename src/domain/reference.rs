//! Pick-list values: categories, services, departments and teams.

use serde::{Deserialize, Serialize};

/// A team and the support line it works on (1st, 2nd or 3rd).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamSeed {
    pub name: String,
    #[serde(default = "first_line", deserialize_with = "support_line")]
    pub line: u8,
}

fn first_line() -> u8 {
    1
}

/// Only lines 1, 2 and 3 exist; anything else is refused where it is written.
fn support_line<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u8, D::Error> {
    let line = i64::deserialize(deserializer)?;
    match u8::try_from(line) {
        Ok(line @ 1..=3) => Ok(line),
        _ => Err(serde::de::Error::custom(format!("{line} is not a support line (1, 2 or 3)"))),
    }
}

/// A category with its subcategories.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategorySeed {
    pub name: String,
    #[serde(default)]
    pub subcategories: Vec<String>,
}

/// The pick-list values a new database starts with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReferenceData {
    pub categories: Vec<CategorySeed>,
    pub services: Vec<String>,
    pub departments: Vec<String>,
    pub teams: Vec<TeamSeed>,
}

impl Default for ReferenceData {
    fn default() -> Self {
        let strings = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let category = |name: &str, subs: &[&str]| CategorySeed { name: name.into(), subcategories: strings(subs) };
        let team = |name: &str, line| TeamSeed { name: name.into(), line };
        ReferenceData {
            categories: vec![
                category("Hardware", &["Laptop", "Desktop", "Monitor", "Printer"]),
                category("Software", &["Office", "ERP", "CRM", "Installation"]),
                category("Network", &["Wi-Fi", "VPN", "Internet"]),
                category("Access", &["Password", "Permissions", "MFA"]),
                category("E-mail", &["Mailbox", "Calendar"]),
                category("Security", &["Phishing", "Malware"]),
                category("Infrastructure", &["Server", "Storage", "Backup"]),
                category("Telephony", &["Mobile", "Landline"]),
                category("Request", &["New employee", "Hardware request", "Software request"]),
            ],
            services: strings(&[
                "Workplace",
                "Printing",
                "E-mail",
                "ERP",
                "CRM",
                "Network",
                "VPN",
                "Identity",
                "File shares",
                "Telephony",
                "Website",
                "HR system",
            ]),
            departments: strings(&[
                "Finance",
                "HR",
                "Sales",
                "Marketing",
                "Customer Service",
                "Logistics",
                "Legal",
                "IT",
                "Management",
                "Facilities",
                "Production",
                "Research",
            ]),
            teams: vec![
                team("Servicedesk", 1),
                team("Workplace", 2),
                team("Applications", 2),
                team("Network", 2),
                team("Infrastructure", 3),
                team("Security", 3),
            ],
        }
    }
}

/// The current pick lists, as loaded from the database.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PickLists {
    pub categories: Vec<CategorySeed>,
    pub services: Vec<String>,
    pub departments: Vec<String>,
    pub teams: Vec<String>,
}

impl PickLists {
    pub fn subcategories(&self, category: &str) -> &[String] {
        self.categories.iter().find(|c| c.name == category).map(|c| c.subcategories.as_slice()).unwrap_or(&[])
    }

    pub fn category_names(&self) -> Vec<String> {
        self.categories.iter().map(|c| c.name.clone()).collect()
    }
}

/// A pick list an operator may add a value to where they type it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChoiceList {
    Department,
    Service,
    Category,
    /// The subcategories of this category.
    Subcategory(String),
}

impl ChoiceList {
    /// The list of a ticket field, with its category for a subcategory.
    pub fn of(field: super::Field, category: Option<&str>) -> Option<ChoiceList> {
        use super::Field;
        Some(match field {
            Field::Department => ChoiceList::Department,
            Field::Service => ChoiceList::Service,
            Field::Category => ChoiceList::Category,
            Field::Subcategory => ChoiceList::Subcategory(category?.to_string()),
            _ => return None,
        })
    }
}

/// Dutch names of the values a new database starts with. The stored value
/// is the English name and stays the same whatever language a screen
/// shows; only what is shown (and what typing finds) follows the language.
/// Values added later are shown as they were typed.
const DUTCH: &[(&str, &str)] = &[
    // Categories and subcategories.
    ("Network", "Netwerk"),
    ("Access", "Toegang"),
    ("Security", "Beveiliging"),
    ("Infrastructure", "Infrastructuur"),
    ("Telephony", "Telefonie"),
    ("Request", "Aanvraag"),
    ("Monitor", "Beeldscherm"),
    ("Installation", "Installatie"),
    ("Password", "Wachtwoord"),
    ("Permissions", "Rechten"),
    ("Mailbox", "Postvak"),
    ("Calendar", "Agenda"),
    ("Storage", "Opslag"),
    ("Mobile", "Mobiel"),
    ("Landline", "Vaste lijn"),
    ("New employee", "Nieuwe medewerker"),
    ("Hardware request", "Aanvraag hardware"),
    ("Software request", "Aanvraag software"),
    // Services.
    ("Workplace", "Werkplek"),
    ("Printing", "Printen"),
    ("Identity", "Identiteit"),
    ("File shares", "Netwerkschijven"),
    ("HR system", "HR-systeem"),
    // Departments.
    ("Finance", "Financiën"),
    ("Sales", "Verkoop"),
    ("Customer Service", "Klantenservice"),
    ("Legal", "Juridische zaken"),
    ("Management", "Directie"),
    ("Facilities", "Facilitaire dienst"),
    ("Production", "Productie"),
    ("Research", "Onderzoek"),
];

/// How a pick-list value is shown in a language: a value a new database
/// started with in its Dutch name, anything else as it is stored.
pub fn shown_name<'a>(stored: &'a str, language: &str) -> &'a str {
    if language != "nl" {
        return stored;
    }
    DUTCH.iter().find(|(en, _)| *en == stored).map_or(stored, |(_, nl)| nl)
}

/// The stored value of what someone typed: a seed value's Dutch name
/// (any case) is its stored name, anything else stays as typed.
pub fn stored_name(typed: &str) -> &str {
    DUTCH.iter().find(|(_, nl)| nl.to_lowercase() == typed.trim().to_lowercase()).map_or(typed, |(en, _)| en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dutch_seed_name_is_stored_by_its_stable_name() {
        assert_eq!(stored_name("Financiën"), "Finance");
        assert_eq!(stored_name("financiën"), "Finance");
        assert_eq!(stored_name("Finance"), "Finance");
        assert_eq!(stored_name("Kantine"), "Kantine");
    }

    #[test]
    fn every_dutch_name_is_of_a_seed_value_and_the_stored_name_stays_english() {
        let seed = ReferenceData::default();
        let mut stored: Vec<&str> = seed.services.iter().chain(&seed.departments).map(String::as_str).collect();
        for c in &seed.categories {
            stored.push(&c.name);
            stored.extend(c.subcategories.iter().map(String::as_str));
        }
        for (en, _) in DUTCH {
            assert!(stored.contains(en), "{en} is no seed value");
        }
        assert_eq!(shown_name("Finance", "nl"), "Financiën");
        assert_eq!(shown_name("Finance", "en"), "Finance");
        assert_eq!(shown_name("Kantine", "nl"), "Kantine", "an added value is shown as typed");
    }
}
