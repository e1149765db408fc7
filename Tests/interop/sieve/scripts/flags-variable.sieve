require ["imap4flags", "variables", "fileinto"];
addflag "myflags" "\\Seen";
addflag "myflags" "$Later";
if hasflag :is "myflags" "$later" { fileinto :flags "${myflags}" "Later"; }
