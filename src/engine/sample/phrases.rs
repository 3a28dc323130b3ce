//! Synthetic text for the compliance log: conversation topics per department (a title, a
//! keyword prompt under 50 characters, a task of medium length and a context sentence for
//! long prompts), follow-ups, assistant sentences, Codex prompts, GPT and project names.
//! Everything is invented; no real person, customer or conversation is quoted.

/// One conversation topic: title, keyword prompt (< 50 chars), task (45-120), context.
pub(super) type Topic = (&'static str, &'static str, &'static str, &'static str);

#[rustfmt::skip]
pub(super) const TOPICS: [&[Topic]; 8] = [
    &[ // Engineering
        ("Regex for ISO dates", "python regex iso 8601 date", "write a Python regex that matches ISO 8601 dates with an optional time zone offset", "Our ingestion job rejects rows whose timestamps carry a zone offset, and the current pattern was copied from an old Stack Overflow answer nobody understands."),
        ("Flaky integration test", "pytest fixture teardown order", "explain why a pytest fixture with yield might tear down before the test's background thread has finished", "The payments integration suite fails about one run in ten on CI, always in the same test, and the logs show the database connection closing mid-request."),
        ("Kubernetes memory limits", "k8s OOMKilled java heap", "suggest JVM flags so a service stays inside a 2 GiB Kubernetes memory limit without constant OOM kills", "We moved the search indexer to smaller nodes last sprint and it now restarts a few times a day with OOMKilled even though the heap is capped at 1.5 GiB."),
        ("SQL window functions", "postgres running total by month", "write a Postgres query that returns a running total of orders per customer by month, including months with no orders", "Finance asked for a churn dashboard and the existing view double counts refunds because it joins the refunds table before aggregating."),
        ("Code review comments", "review this go error handling", "review this Go function for error handling and suggest idiomatic wrapping with context", "I'm cleaning up the ledger service before we hand it to the new platform team and want consistent errors that still show the original cause in the logs."),
        ("Terraform module layout", "terraform module per env vs workspaces", "compare one Terraform module per environment with workspaces for a team of six engineers", "Infrastructure is split across three repositories today, plans take twenty minutes, and two people have applied to production from a stale branch this quarter."),
        ("Incident postmortem", "postmortem template blameless", "turn these incident notes into a blameless postmortem with a timeline and three follow-up actions", "Last Tuesday the checkout API returned errors for 38 minutes after a config change disabled the connection pool, and support heard about it from customers first."),
    ],
    &[ // Sales
        ("Follow-up after demo", "follow up email after demo", "draft a follow-up email to a prospect who went quiet two weeks after a good demo", "The prospect is a 600-person logistics company, the champion is their head of operations, and procurement asked about annual prepayment discounts."),
        ("Objection handling", "pricing objection too expensive", "give me three ways to answer a buyer who says our price is 30% above a competitor", "We are in the final round against a cheaper vendor, the buyer likes our reporting, and their CFO joins the next call to challenge the total cost."),
        ("Account plan", "account plan template enterprise", "outline a one-page account plan for an enterprise customer renewing in January", "The customer has 140 seats, usage dropped 20% after their champion left in August, and their new director has not met us yet."),
        ("Cold outreach", "cold email retail ops director", "write a short cold email to a retail operations director about reducing stock-outs", "Our best references are two grocery chains that cut stock-outs by a third, and the target company just announced forty new stores next year."),
        ("Discovery questions", "discovery questions mid market", "list discovery questions for a first call with a mid-market finance team", "The lead came from a webinar on month-end close, they use spreadsheets for reconciliations, and the attendee was a senior accountant rather than a manager."),
        ("Pipeline summary", "q4 pipeline summary bullets", "summarise this pipeline export into five bullets for the weekly forecast call", "Leadership wants to know which deals over 50k can still close this quarter, which slipped, and where we need executive sponsorship to move them."),
    ],
    &[ // Customer Support
        ("Reply to angry customer", "apology reply late delivery", "rewrite this reply to an upset customer so it is empathetic but does not promise a refund", "A customer on the basic plan lost two days of reports after an outage, wrote three emails in capital letters, and is threatening to post on social media."),
        ("Knowledge base article", "kb article reset 2fa", "turn these troubleshooting steps into a knowledge base article for resetting two-factor authentication", "We get about forty tickets a week from users who changed phones, and agents currently paste a long internal note that confuses customers."),
        ("Ticket summary", "summarise ticket thread", "summarise this long ticket thread for the tier 2 engineer who is taking it over", "The thread has 27 messages across three agents, the customer already tried clearing the cache and reinstalling, and the bug only happens on their SSO setup."),
        ("Macro in Spanish", "translate macro to spanish", "translate this support macro into neutral Spanish and keep the placeholders unchanged", "We opened support for customers in Mexico and Spain, the macros use double-brace placeholders, and the last translation broke them."),
        ("Onboarding checklist", "onboarding checklist new admin", "write an onboarding checklist for a new customer admin in their first week", "Most churned accounts never finished setting up user groups and integrations, so onboarding wants a checklist the admin can follow without a call."),
        ("Escalation criteria", "when to escalate to tier 2", "suggest clear criteria for when a tier 1 agent should escalate a ticket to tier 2", "Tier 2 complains about escalations that could have been solved with a known article, while some real bugs sit in tier 1 for days."),
    ],
    &[ // Marketing
        ("Landing page copy", "landing page headline ideas", "write five headline options for a landing page about automated invoice matching", "The audience is finance managers at companies with 200 to 2,000 employees, the tone should be confident but not hype, and we cannot claim specific savings."),
        ("SEO brief", "seo brief inventory forecasting", "create an SEO content brief for an article on inventory forecasting for small retailers", "Our blog ranks on page two for most forecasting terms, competitors have long guides, and the article should link to our pricing and case study pages."),
        ("Social posts", "linkedin post product launch", "draft three LinkedIn posts announcing our new reporting feature, each under 80 words", "The launch is on Tuesday, the feature lets customers schedule reports by email, and we want one post from the company and two for employees to share."),
        ("Campaign analysis", "email campaign open rate drop", "suggest reasons why our newsletter open rate fell from 31% to 22% over two months", "We switched email providers in September, started sending on Mondays instead of Thursdays, and doubled the list with webinar sign-ups."),
        ("Brand voice", "rewrite in brand voice", "rewrite this paragraph in our brand voice: plain words, short sentences, no buzzwords", "The product team wrote the release notes, they are accurate but full of jargon, and the copy has to go in the customer newsletter tomorrow."),
        ("Event plan", "webinar run of show", "outline a run of show for a 45-minute customer webinar with a live demo and Q&A", "Two customers are presenting, the demo has failed before because of slow test data, and we expect about 300 attendees across three time zones."),
    ],
    &[ // Finance
        ("Variance explanation", "explain budget variance opex", "explain this quarter's operating expense variance to budget in plain language for department heads", "Travel and software came in 18% over budget, hiring was two months late, and department heads keep asking why their forecasts were cut."),
        ("Excel formula", "excel xlookup two criteria", "write an Excel formula that looks up a value using two criteria across sheets", "The cost allocation workbook has one sheet per month and a lookup table keyed on cost centre and account, and the current formula breaks on blanks."),
        ("Close checklist", "month end close checklist", "draft a month-end close checklist for a team of four accountants", "Close takes nine working days today, accruals are tracked in emails, and the auditors asked for evidence of review on every reconciliation."),
        ("Procurement policy", "procurement approval thresholds", "summarise typical purchase approval thresholds for a company of about 400 people", "We are updating the procurement policy, approvals are inconsistent between departments, and the board wants anything over 100k reviewed by the CFO."),
        ("Cash forecast", "13 week cash flow template", "explain how to structure a 13-week cash flow forecast from our receivables ageing", "Two large customers moved to 60-day payment terms, payroll grows after the hiring plan, and the bank wants a forecast before renewing the credit line."),
    ],
    &[ // People
        ("Job description", "job description data engineer", "write an inclusive job description for a senior data engineer in our Lisbon office", "The team builds pipelines for analytics, the role is hybrid with two office days, and past postings attracted very few women applicants."),
        ("Interview questions", "behavioural interview questions", "suggest eight behavioural interview questions for a customer support team lead", "The hiring manager wants to test coaching skills and handling escalations, and interviewers tend to ask different questions for every candidate."),
        ("Policy summary", "summarise parental leave policy", "summarise our parental leave policy into a short FAQ for employees", "The policy document is twelve pages long, it differs slightly between the UK, Germany and the US, and managers keep answering questions inconsistently."),
        ("Onboarding plan", "30 60 90 day plan template", "create a 30-60-90 day onboarding plan template for new managers", "We promoted six people to manager this year, two struggled in their first months, and the feedback says expectations were never written down."),
        ("Engagement survey", "survey comments themes", "group these anonymous survey comments into themes with a count for each", "The engagement survey had 280 comments, leadership wants the top themes by Friday, and the comments must not be quoted in a way that identifies anyone."),
    ],
    &[ // Operations
        ("Laptop rollout", "laptop refresh rollout plan", "plan a laptop refresh for 120 employees across three offices with minimal downtime", "Most laptops are four years old, the new models need a fresh device enrolment, and the Berlin office has no IT person on site."),
        ("Vendor comparison", "compare office wifi vendors", "compare three managed Wi-Fi vendors on cost, support and security for a mid-size office", "The London office Wi-Fi drops during all-hands meetings, the current contract ends in March, and we need a recommendation for the budget meeting."),
        ("PowerShell script", "powershell disable stale accounts", "write a PowerShell script that lists accounts with no sign-in for 90 days", "We found accounts of people who left last year that were never disabled, and the auditors want a monthly report of stale accounts."),
        ("Office move", "office move checklist", "draft a checklist for moving 60 people to a new floor over one weekend", "Facilities gives us access on Friday evening, the network cabinet moves too, and everyone must be able to work on Monday morning."),
    ],
    &[ // Legal
        ("Clause comparison", "limitation of liability clause", "compare these two limitation of liability clauses and list the differences that matter", "A customer's procurement team sent back our standard agreement with a new liability clause and a request for unlimited liability for data breaches."),
        ("Privacy notice", "privacy notice plain language", "rewrite this privacy notice section in plain language without changing its meaning", "The marketing site's privacy notice was written for lawyers, the regulator's guidance asks for clarity, and the notice covers customers in the EU and the US."),
        ("NDA review", "nda red flags checklist", "list the common red flags to check when reviewing a mutual NDA from a supplier", "Sales sends about ten NDAs a month for review, most are standard, and we want a checklist so paralegals can handle routine ones."),
    ],
];

#[rustfmt::skip]
pub(super) const SHORT_FOLLOW_UPS: &[&str] = &[
    "shorter please", "make it more formal", "add a summary table", "now in German",
    "bullet points instead", "what about edge cases?", "give me 3 alternatives",
    "explain step 2", "less jargon", "thanks, perfect", "can you add an example?",
    "too long", "make it friendlier", "and in Portuguese?",
];

#[rustfmt::skip]
pub(super) const MEDIUM_FOLLOW_UPS: &[&str] = &[
    "That's close, but can you put the key numbers first and move the caveats to the end?",
    "Good start. Can you cut it to half the length and keep only what a busy reader needs?",
    "Can you explain the second option in more detail and say when you would not use it?",
    "Please rewrite it for someone who has never seen our product before.",
    "Could you turn this into a table with one row per item and a column for the owner?",
    "This misses the point about timing. Can you take the deadline into account?",
    "Can you double-check the numbers? The total doesn't seem to match the parts.",
];

#[rustfmt::skip]
pub(super) const DETAILS: &[&str] = &[
    "For context, this goes to people who are short on time and skim everything.",
    "We tried a quick fix last month and it only moved the problem elsewhere.",
    "I have until Thursday, and my manager will review it before it goes out.",
    "Please keep in mind that some readers are not native English speakers.",
    "The previous version was criticised for being vague about who owns what.",
];

#[rustfmt::skip]
pub(super) const OPENERS: &[&str] = &["Can you ", "Please ", "Could you ", "Help me ", "I need you to "];

#[rustfmt::skip]
pub(super) const TAILS: &[&str] = &[
    "", " Keep it short.", " Use bullet points.", " Plain language please.",
    " Aim for a neutral tone.", " Max 150 words.",
];

#[rustfmt::skip]
pub(super) const REPLY_OPENERS: &[&str] = &[
    "Sure, here's a first version you can adapt.", "Here's a concise take.",
    "Good question. Short answer first, then the details.", "Here is a draft:",
    "A few options, from safest to boldest:", "Happy to help. Here's how I'd approach it.",
];

#[rustfmt::skip]
pub(super) const REPLY_BODIES: &[&str] = &[
    "1. Start with the outcome the reader cares about.\n2. Give the one number that proves it.\n3. End with a single clear next step.",
    "The main risk is that the assumptions are not written down, so people read the same figures differently. State them up front and the discussion gets shorter.",
    "I would split this into two parts: what has to happen before the deadline, and what can wait. The first list is usually much shorter than people expect.",
    "If the data is incomplete, say so explicitly and give a range rather than a single figure. It builds more trust than false precision.",
    "| Option | Effort | Risk |\n|---|---|---|\n| Quick fix | Low | Medium |\n| Proper fix | Medium | Low |",
    "Keep each paragraph to one idea and lead with the verb. Readers scan the first words of each line.",
    "```python\nimport re\nISO = re.compile(r\"^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2})?(Z|[+-]\\d{2}:\\d{2})?)?$\")\n```",
    "A common mistake here is to optimise for the edge case and make the normal path harder. Handle the normal path first, then add one explicit check.",
];

#[rustfmt::skip]
pub(super) const REPLY_CLOSERS: &[&str] = &[
    "", "Want me to adjust the tone or length?", "I can also turn this into a checklist.",
    "Let me know which option you prefer and I'll expand it.", "Shall I draft the follow-up as well?",
];

/// Codex prompts, short to long.
#[rustfmt::skip]
pub(super) const CODEX_PROMPTS: &[&str] = &[
    "run the tests", "fix lint errors", "why does this test fail?",
    "add retries with exponential backoff to the S3 uploader",
    "rename the config loader to settings and update all imports",
    "write unit tests for the invoice rounding helper, including negative amounts",
    "the build is red on main: find the failing step, fix it and explain the cause",
    "refactor the session middleware to use the new settings loader, keep the public API unchanged, and update the tests and the README section on configuration",
    "investigate the memory growth in the indexer worker: profile a run against the sample data, find what keeps references alive between batches, and propose a fix with a benchmark",
    "add a migration that backfills the customer_region column from the addresses table in batches of 10k rows, make it resumable, and add a dry-run flag",
];

/// Three custom GPTs per department (GPT `g` belongs to department `g % 8`).
#[rustfmt::skip]
pub(super) const GPT_NAMES: [[&str; 3]; 8] = [
    ["Code Review Buddy", "SQL Helper", "Postmortem Writer"],
    ["Prospect Researcher", "Proposal Drafter", "Objection Coach"],
    ["Ticket Reply Assistant", "KB Article Writer", "Escalation Summariser"],
    ["Brand Voice Editor", "SEO Brief Builder", "Campaign Copywriter"],
    ["Variance Explainer", "Invoice Checker", "Budget Q&A"],
    ["Job Description Writer", "Interview Question Bank", "Policy Explainer"],
    ["IT Helpdesk Triage", "Vendor Comparison", "Office Events Planner"],
    ["Contract Clause Reviewer", "Privacy Notice Helper", "NDA Checker"],
];

#[rustfmt::skip]
pub(super) const PROJECT_NAMES: [[&str; 3]; 8] = [
    ["Payments migration", "On-call handbook", "Q4 platform roadmap"],
    ["Enterprise renewals", "Territory planning", "Competitive notes"],
    ["Macro library", "Escalation reviews", "Onboarding playbook"],
    ["Spring campaign", "Website refresh", "Content calendar"],
    ["Budget 2027", "Audit preparation", "Close automation"],
    ["Hiring plan", "Manager training", "Policy refresh"],
    ["Office move", "Laptop refresh", "Vendor contracts"],
    ["Contract templates", "Privacy programme", "Supplier NDAs"],
];

/// Attachment names by department.
#[rustfmt::skip]
pub(super) const FILE_NAMES: [&str; 8] = [
    "stacktrace.txt", "pipeline_export.xlsx", "ticket_thread.pdf", "campaign_results.csv",
    "q3_actuals.xlsx", "survey_comments.csv", "asset_inventory.xlsx", "draft_agreement.docx",
];
