require ["imap4flags", "fileinto"];
if header :is "x-spam-flag" "YES" { addflag "$Junk"; fileinto "Junk"; }
