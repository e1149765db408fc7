require ["imap4flags", "fileinto"];
fileinto "Before";
addflag "\\Seen";
fileinto "After";
