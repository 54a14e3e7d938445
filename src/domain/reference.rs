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
