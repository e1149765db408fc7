require ["imap4flags", "fileinto"];
addflag "\\Flagged";
addflag ["$Work", "\\Seen"];
fileinto "Work";
