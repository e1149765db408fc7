redirect "archive@example.com";
