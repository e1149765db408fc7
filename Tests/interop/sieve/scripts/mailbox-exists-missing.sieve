require ["mailbox", "fileinto"];
if mailboxexists "Nonexistent" { fileinto "Nonexistent"; } else { fileinto :create "Created"; }
