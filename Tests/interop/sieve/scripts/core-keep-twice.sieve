keep;
keep;
