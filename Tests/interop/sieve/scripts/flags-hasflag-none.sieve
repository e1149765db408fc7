require ["imap4flags", "fileinto"];
if hasflag :matches "*" { fileinto "Some"; }
