// Dutch for phrases used by more than one part of the product: validation messages,
// field names, statuses and products. Keep the tone of a Dutch IT partner: direct, "je".
#include "signet/phrases/phrases.h"

namespace signet::phrases {

static const Phrase kCommon[] = {
    // Validation (shared/signet/validation.cpp) and field names used in its messages.
    {"{what} contains invalid characters.", "{what} bevat ongeldige tekens."},
    {"{what} is required.", "{what} is verplicht."},
    {"{what} is too short.", "{what} is te kort."},
    {"{what} must be at most {max} characters.", "{what} mag hoogstens {max} tekens lang zijn."},
    {"{what} must not contain control characters or line breaks.",
     "{what} mag geen stuurtekens of regeleinden bevatten."},
    {"Company name", "Bedrijfsnaam"},
    {"Name", "Naam"},
    {"Template name", "Naam van de sjabloon"},
    {"Text", "Tekst"},
    {"Alt text", "Alternatieve tekst"},
    {"This field", "Dit veld"},
    {"Phone number is too long.", "Het telefoonnummer is te lang."},
    {"Use digits, spaces and + - ( ) only.", "Gebruik alleen cijfers, spaties en + - ( )."},
    {"Number of users must be a whole number from 1 to 100000.",
     "Het aantal gebruikers moet een geheel getal van 1 tot 100000 zijn."},
    {"E-mail address is required.", "E-mailadres is verplicht."},
    {"E-mail address must be at most 254 characters.", "Het e-mailadres mag hoogstens 254 tekens lang zijn."},
    {"Enter an e-mail address like name@company.com.", "Vul een e-mailadres in zoals naam@bedrijf.nl."},
    {"Password contains invalid characters.", "Het wachtwoord bevat ongeldige tekens."},
    {"Use at least 12 characters.", "Gebruik minstens 12 tekens."},
    {"Use at most 128 characters.", "Gebruik hoogstens 128 tekens."},
    {"This password is too common. Choose another one.",
     "Dit wachtwoord komt te vaak voor. Kies een ander wachtwoord."},
    {"Do not use your e-mail address as password.", "Gebruik je e-mailadres niet als wachtwoord."},
    // Products and statuses.
    {"Signatures for Microsoft 365", "Handtekeningen voor Microsoft 365"},
    {"Signatures for Google Workspace", "Handtekeningen voor Google Workspace"},
    {"Active", "Actief"},
    {"Inactive", "Inactief"},
    {"Pending", "In afwachting"},
    {"Accepted", "Geaccepteerd"},
    {"Expired", "Verlopen"},
    {"Monthly", "Maandelijks"},
    {"Annual", "Jaarlijks"},
    // Words every screen uses.
    {"E-mail address", "E-mailadres"},
    {"Password", "Wachtwoord"},
    {"Phone", "Telefoon"},
    {"Cancel", "Annuleren"},
    {"Save", "Opslaan"},
    {"Close", "Sluiten"},
    {"Back", "Terug"},
    {"Copy", "Kopiëren"},
    {"Copied", "Gekopieerd"},
    {"Sign in", "Inloggen"},
    {"Sign out", "Uitloggen"},
    {"Language", "Taal"},
    {"English", "English"},
    {"Nederlands", "Nederlands"},
    {"Loading…", "Laden…"},
    {"Something went wrong. Try again.", "Er ging iets mis. Probeer het opnieuw."},
    {"Cannot reach the server. Check your connection and try again.",
     "De server is niet bereikbaar. Controleer je verbinding en probeer het opnieuw."},
};

Table common() { return {kCommon, sizeof kCommon / sizeof kCommon[0]}; }

}  // namespace signet::phrases
