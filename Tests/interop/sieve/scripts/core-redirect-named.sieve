redirect "Archive <archive@example.com>";
