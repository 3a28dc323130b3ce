//! The fixed shape of the sample organisation: name lists, departments, teams, titles, and
//! how each department takes to ChatGPT. Everything random is drawn elsewhere.

pub(super) const DOMAIN: &str = "northwind.example";

pub(super) const FIRST_NAMES: &[&str] = &[
    "James", "Olivia", "Liam", "Emma", "Noah", "Ava", "Lucas", "Mia", "Ethan", "Sofia", "Mateo",
    "Amelia", "Leo", "Isla", "Oliver", "Chloe", "Jonas", "Lena", "Felix", "Hannah", "Tomas",
    "Ines", "Diego", "Beatriz", "Rafael", "Marta", "Ana", "Joao", "Priya", "Arjun", "Aisha",
    "Omar", "Yusuf", "Fatima", "Wei", "Mei", "Hiroshi", "Yuki", "Daniel", "Sarah", "David",
    "Laura", "Michael", "Emily", "Samuel", "Grace", "Ben", "Zoe", "Max", "Clara", "Nina", "Paul",
    "Elena", "Marco", "Giulia", "Kofi", "Amara", "Sean", "Niamh", "Erik", "Freya", "Carlos",
    "Lucia", "Adam", "Maya", "Jack", "Ruby", "Theo", "Alice", "Nathan",
];

#[rustfmt::skip]
pub(super) const LAST_NAMES: &[&str] = &[
    "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thomas", "Roberts",
    "Walker", "Wright", "Hughes", "Green", "Hall", "Wood", "Clarke", "Jackson", "White", "Harris",
    "Martin", "Muller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Wagner", "Hoffmann",
    "Silva", "Santos", "Ferreira", "Pereira", "Costa", "Oliveira", "Rodrigues", "Martins", "Garcia",
    "Lopez", "Gonzalez", "Fernandez", "Patel", "Shah", "Khan", "Ahmed", "Singh", "Kumar", "Chen",
    "Wang", "Li", "Zhang", "Tanaka", "Sato", "Kim", "Park", "Nguyen", "Tran", "Okafor", "Mensah",
    "Kowalski", "Novak", "Rossi", "Bianchi", "Dubois", "Moreau", "Jansen", "De Vries", "Larsen",
    "Nilsson", "Murphy", "Kelly",
];

pub(super) const LOCATIONS: &[&str] = &["London", "Berlin", "New York", "Lisbon", "Remote"];
pub(super) const LOCATION_WEIGHTS: &[f64] = &[34.0, 18.0, 22.0, 11.0, 15.0];

/// One department: HRIS shape plus its ChatGPT behaviour.
pub(super) struct Dept {
    pub name: &'static str,
    /// Used in cost centres: `CC-<code>-<100 + 10 × team>`.
    pub code: &'static str,
    pub size: usize,
    pub teams: &'static [&'static str],
    /// Relative team sizes (same length as `teams`).
    pub team_weights: &'static [f64],
    pub head_title: &'static str,
    pub lead_title: &'static str,
    pub manager_title: &'static str,
    pub ic_titles: &'static [&'static str],
    /// Share of the department holding a ChatGPT seat.
    pub seat_share: f64,
    /// Share of those seats invited before the first weekly period.
    pub early_share: f64,
    /// Added to each member's weekly habit (probability of being active once adopted).
    pub habit: f64,
    /// Weeks of extra delay before members adopt the tool.
    pub adopt_lag: i64,
    /// Multiplier on messages per active week.
    pub intensity: f64,
    /// Added to the share of messages sent to advanced (reasoning) models.
    pub advanced: f64,
    /// Added to the share of messages sent through custom GPTs.
    pub gpt_bias: f64,
}

// One department per block reads better than rustfmt's one-field-per-line layout.
#[rustfmt::skip]
pub(super) const DEPTS: &[Dept] = &[
    Dept {
        name: "Engineering", code: "ENG", size: 140,
        teams: &["Platform", "Mobile", "Web", "Data", "Infrastructure"],
        team_weights: &[30.0, 24.0, 34.0, 26.0, 25.0],
        head_title: "VP of Engineering", lead_title: "Senior Engineering Manager",
        manager_title: "Engineering Manager",
        ic_titles: &["Software Engineer", "Software Engineer", "Senior Software Engineer",
            "Senior Software Engineer", "Staff Software Engineer", "QA Engineer",
            "Site Reliability Engineer", "Data Engineer", "Software Engineer"],
        seat_share: 1.0, early_share: 0.8, habit: 0.15, adopt_lag: 0, intensity: 1.35,
        advanced: 0.08, gpt_bias: 0.0,
    },
    Dept {
        name: "Sales", code: "SAL", size: 80,
        teams: &["Enterprise", "Mid-Market", "Sales Development"],
        team_weights: &[30.0, 28.0, 22.0],
        head_title: "VP of Sales", lead_title: "Sales Director", manager_title: "Sales Manager",
        ic_titles: &["Account Executive", "Account Executive", "Senior Account Executive",
            "Sales Development Representative", "Solutions Consultant", "Account Manager"],
        seat_share: 0.88, early_share: 0.55, habit: -0.05, adopt_lag: 1, intensity: 0.85,
        advanced: -0.03, gpt_bias: 0.05,
    },
    Dept {
        name: "Customer Support", code: "SUP", size: 60,
        teams: &["Tier 1", "Tier 2", "Onboarding"],
        team_weights: &[28.0, 18.0, 14.0],
        head_title: "Head of Customer Support", lead_title: "Support Team Lead",
        manager_title: "Support Supervisor",
        ic_titles: &["Support Specialist", "Support Specialist", "Senior Support Specialist",
            "Technical Support Engineer", "Onboarding Specialist"],
        seat_share: 0.88, early_share: 0.5, habit: 0.2, adopt_lag: 0, intensity: 0.75,
        advanced: -0.08, gpt_bias: 0.2,
    },
    Dept {
        name: "Marketing", code: "MKT", size: 45,
        teams: &["Brand", "Growth", "Product Marketing", "Content"],
        team_weights: &[10.0, 14.0, 11.0, 10.0],
        head_title: "Chief Marketing Officer", lead_title: "Marketing Director",
        manager_title: "Marketing Manager",
        ic_titles: &["Marketing Specialist", "Content Writer", "Growth Marketer",
            "Product Marketing Manager", "Designer", "SEO Specialist"],
        seat_share: 0.8, early_share: 0.65, habit: 0.15, adopt_lag: 0, intensity: 1.2,
        advanced: 0.0, gpt_bias: 0.05,
    },
    Dept {
        name: "Finance", code: "FIN", size: 35,
        teams: &["Accounting", "FP&A", "Procurement"],
        team_weights: &[15.0, 12.0, 8.0],
        head_title: "Chief Financial Officer", lead_title: "Finance Manager",
        manager_title: "Finance Manager",
        ic_titles: &["Accountant", "Senior Accountant", "Financial Analyst",
            "Payroll Specialist", "Procurement Specialist"],
        seat_share: 0.42, early_share: 0.3, habit: -0.25, adopt_lag: 4, intensity: 0.8,
        advanced: 0.02, gpt_bias: -0.05,
    },
    Dept {
        name: "People", code: "PPL", size: 30,
        teams: &["Talent Acquisition", "People Operations", "Learning & Development"],
        team_weights: &[12.0, 12.0, 6.0],
        head_title: "Chief People Officer", lead_title: "People Team Lead",
        manager_title: "People Team Lead",
        ic_titles: &["Recruiter", "Recruiter", "People Partner", "HR Generalist",
            "People Operations Specialist", "L&D Specialist"],
        seat_share: 0.5, early_share: 0.45, habit: 0.0, adopt_lag: 2, intensity: 0.8,
        advanced: -0.02, gpt_bias: 0.05,
    },
    Dept {
        name: "Operations", code: "OPS", size: 18,
        teams: &["IT", "Workplace"],
        team_weights: &[10.0, 8.0],
        head_title: "Head of Operations", lead_title: "Operations Manager",
        manager_title: "Operations Manager",
        ic_titles: &["IT Support Specialist", "Systems Administrator", "Workplace Coordinator",
            "Office Manager"],
        seat_share: 0.45, early_share: 0.35, habit: -0.25, adopt_lag: 4, intensity: 0.75,
        advanced: -0.02, gpt_bias: -0.05,
    },
    Dept {
        name: "Legal", code: "LEG", size: 4,
        teams: &["Commercial", "Privacy & Compliance"],
        team_weights: &[2.0, 2.0],
        head_title: "General Counsel", lead_title: "Senior Counsel", manager_title: "Senior Counsel",
        ic_titles: &["Legal Counsel", "Privacy Counsel", "Paralegal"],
        seat_share: 1.0, early_share: 0.5, habit: 0.0, adopt_lag: 1, intensity: 0.7,
        advanced: 0.05, gpt_bias: 0.0,
    },
];

/// Index of Engineering in `DEPTS` (the pilot department; an admin).
pub(super) const ENGINEERING: usize = 0;
/// Index of Legal in `DEPTS` (kept under the privacy floor of 5).
pub(super) const LEGAL: usize = 7;
/// Index of Operations (the workspace owner and an admin sit in IT).
pub(super) const OPERATIONS: usize = 6;
/// Index of People (an admin).
pub(super) const PEOPLE: usize = 5;

/// ChatGPT models and tools as they appear in the export's dict columns.
pub(super) const STANDARD_MODELS: &[&str] = &["gpt-4o", "gpt-4.1", "gpt-5"];
pub(super) const ADVANCED_MODELS: &[&str] = &["gpt-5-thinking", "o3"];
pub(super) const TOOLS: &[&str] = &[
    "web",
    "python",
    "file_search",
    "image_gen",
    "canvas",
    "deep_research",
];
pub(super) const TOOL_WEIGHTS: &[f64] = &[30.0, 18.0, 20.0, 10.0, 12.0, 6.0];
/// Number of custom GPTs in the workspace.
pub(super) const GPT_COUNT: usize = 24;
