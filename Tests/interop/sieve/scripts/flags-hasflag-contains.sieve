require ["imap4flags", "fileinto"];
setflag "\\Seen $Project";
if hasflag :contains "proj" { fileinto "Proj"; }
