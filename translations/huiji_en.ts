<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>HistoryExporter</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no conversation of %1 with %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryHtmlWriter</name>
    <message>
        <source>Huiji history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation of %1 with %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryTextWriter</name>
    <message>
        <source>Conversation of %1 with %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::AddContactDialog</name>
    <message>
        <source>Add Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example, bob</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send &amp;Request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They see your request and can accept it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending the request…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not add %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User ID:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::CertificateDialog</name>
    <message>
        <source>Server certificate changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of %1 has changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server presented a different certificate from the one Huiji trusted before. This happens when a server is reinstalled or its certificate is replaced, but it is also what you would see if someone were intercepting the connection. Nothing has been sent to the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trusted until now:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presented now:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust the new certificate only if the server&apos;s operator confirms that its fingerprint is the one shown here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trust the new certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint trusted until now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint presented now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New server certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First connection to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fingerprint of the server&apos;s certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Huiji has not connected to this server before. Nothing has been sent to it yet: your password goes only once you trust this certificate, and Huiji warns you if it ever changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare it with the fingerprint the server&apos;s operator gives you (huijid fingerprint prints it). If they differ, do not go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trust and log in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::Composer</name>
    <message>
        <source>&amp;Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a message — Enter sends, Shift+Enter starts a new line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::ConnectionStatus</name>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merging</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Offline — retrying in %n s</source>
        <translation>
            <numerusform>Offline — retrying in %n s</numerusform>
            <numerusform>Offline — retrying in %n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline — retrying now</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Merging %1 of %Ln record(s)</source>
        <translation>
            <numerusform>Merging %1 of %Ln record</numerusform>
            <numerusform>Merging %1 of %Ln records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merging %1 of %Ln record(s) from 1 device</source>
        <translation>
            <numerusform>Merging %1 of %Ln record from 1 device</numerusform>
            <numerusform>Merging %1 of %Ln records from 1 device</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merging %1 of %Ln record(s) from %2 devices</source>
        <translation>
            <numerusform>Merging %1 of %Ln record from %2 devices</numerusform>
            <numerusform>Merging %1 of %Ln records from %2 devices</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huiji::ContactListDelegate</name>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wants to be your contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request sent, waiting for an answer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::ContactListModel</name>
    <message>
        <source>You: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wants to be your contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request sent, waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huiji::ConversationModel</name>
    <message>
        <source>%1 at %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stored on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You at %1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2, directly: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivered directly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent directly to %1&apos;s device, not through the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Came directly from %1&apos;s device, not through the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not sent (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: the server refused it (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::ConversationPane</name>
    <message>
        <source>&amp;Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a conversation on the left, or add a contact to start one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept contact request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The history could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 wants to be your contact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your request was sent. You can write to %1 once they accept it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not among your contacts: you can read this conversation but not write to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message could not be written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not accept %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message was not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message could not be sent again: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::ConversationView</name>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry sending</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::DesktopApp</name>
    <message>
        <source>The saved password could not be read from the keychain: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected: the server&apos;s new certificate was not trusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Huiji now uses the language you chose. Some windows change over only when Huiji starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Huiji</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Huiji, the desktop chat client.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile folder (one per device and account).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The profile in %1 cannot be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This profile has not logged in to a server yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in with the password in FILE (its first line) instead of the keychain&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the merged history viewer as well.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This machine was signed out, or the server did not accept the saved password. Log in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the server&apos;s certificate: log in again to see it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::DeviceTableModel</name>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a storage terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unnamed device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (this machine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last used: %1
First seen: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Used %n time(s) in the last %1 days</source>
        <translation>
            <numerusform>Used %n time in the last %1 days</numerusform>
            <numerusform>Used %n times in the last %1 days</numerusform>
        </translation>
    </message>
    <message>
        <source>How many times each device logged in during the last %1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uses (%1 days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Primary terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secondary terminal</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::DevicesPage</name>
    <message>
        <source>The device list could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sign %1 out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is signed out: it was disconnected and logs in again only with the password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sign out all your other devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your other devices are signed out: they were disconnected and log in again only with the password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody was signed out: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each device logs in with a sign-in of its own. Signing a device out disconnects it at once and ends its sign-in: it can log in again only with your password. Do it for a device you lost or no longer use. What waits on the server for a signed-out storage terminal is kept for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign the selected device out. This machine is not signed out here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out all &amp;other devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your devices</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::DirectLinksPage</name>
    <message>
        <source>When you and a contact are both online, your devices can exchange messages directly, without passing through the server. When no direct link can be made, messages go through the server as usual.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Talk directly to contacts&apos; devices when possible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A change takes effect the next time Huiji connects to the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forwarding to the storage terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A device that is not the storage terminal hands the messages of its direct links to the server, which keeps them for the storage terminal. This setting is your account&apos;s: it applies to all your devices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At &amp;once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Minutes between forwards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When this &amp;many characters have accumulated:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Characters that start a forward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When Huiji &amp;closes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;pply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply the forwarding policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direct links could not be started on this device: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your devices forward at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your devices forward every minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your devices forward every %1 minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your devices forward once %1 characters have accumulated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your devices forward when Huiji closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The forwarding policy could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The forwarding policy was not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::GeneralPage</name>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Huiji follows the language of the system unless you choose one here.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::HistoryConversationModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n record(s), the last on %1</source>
        <translation>
            <numerusform>%n record, the last on %1</numerusform>
            <numerusform>%n records, the last on %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huiji::HistoryDeviceFilter</name>
    <message>
        <source>Show records from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This machine (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1, %n record(s)</source>
        <translation>
            <numerusform>%1, %n record</numerusform>
            <numerusform>%1, %n records</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huiji::HistoryDeviceLanes</name>
    <message>
        <source>No records in this conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records grouped by device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Records from %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::HistoryExportMenu</name>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As &amp;web page (HTML)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As history &amp;file for import (JSON)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As plain &amp;text…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a conversation to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Huiji history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History with %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web pages (*.html)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Huiji history files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export All History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n record(s) to %1.</source>
        <translation>
            <numerusform>Exported %n record to %1.</numerusform>
            <numerusform>Exported %n records to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huiji::HistorySearchPanel</name>
    <message>
        <source>Search history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No records contain “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) so far; scroll for more</source>
        <translation>
            <numerusform>%n result so far; scroll for more</numerusform>
            <numerusform>%n results so far; scroll for more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huiji::HistoryTimelineModel</name>
    <message>
        <source>%1, from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2, from %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::HistoryViewer</name>
    <message>
        <source>History — Huiji</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Devices:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Group by device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show each device&apos;s records side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group by device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date to go to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to &amp;date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a conversation on the left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No history yet. Conversations appear here once their records reach this storage terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No records in this conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No records from this device in this conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the history: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go &amp;to date</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::LoginDialog</name>
    <message>
        <source>Stopped. Change what you need and log in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a Huiji account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in to Huiji</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create your Huiji account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This &amp;device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chat.example.org or chat.example.org:%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Laptop, Office PC…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name your other devices show on the messages written here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;member me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a &amp;new account on this server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a new account on this server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Login status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create &amp;account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not a server address. Write it as host or host:port, for example chat.example.org:%2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two passwords differ. Type the same password twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach the server, retrying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user ID or the password is wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many failed attempts; the server refuses more for a while (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server does not take new accounts. Ask its operator to create one for you, then log in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user ID “%1” is taken. Choose another one, or log in if it is yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s certificate has changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server speaks another version of the Huiji protocol. Update Huiji (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot log in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logged in, but the password could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logged in, but the saved password could not be removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the password in the system keychain and log in automatically next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many accounts were created from this address. Wait %1, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many attempts to log in to this account. Wait %1, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is busy. Wait %1, then try again.</source>
        <translation></translation>
    </message>
    <message>
        <source>Check the server&apos;s certificate. Your password is sent only once you trust it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected: the server&apos;s certificate was not trusted. Nothing was sent to it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::MainWindow</name>
    <message>
        <source>Huiji — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The history could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Contact…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now a contact.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request sent to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::MessageDelegate</name>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::ReauthDialog</name>
    <message>
        <source>Confirm with your password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To %1, type your account password again. It goes to the server with this change only and is not kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::SearchResultModel</name>
    <message>
        <source>%1, from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2, from %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::ServerArchivePage</name>
    <message>
        <source>The server can keep an archive of your merged history, as one more secondary storage terminal, instead of deleting what it delivered. Only your account can read it. If the machine with your history is lost, a new storage terminal can be filled from the archive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep an archive of my history on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;records for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forever</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days the server keeps each record, 0 for ever</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;pply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply the archive setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill this device&apos;s history from the server&apos;s archive, for example on a new storage terminal. What is already here is not duplicated. A restore that is cut off continues where it stopped when you press the button again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;store from server archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive setting could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether the server keeps an archive is shown once Huiji is connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server keeps no archive of your history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server keeps your history for good. Records in the archive: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server keeps each record for %1 days. Records in the archive: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The archive setting was not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring from the server&apos;s archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring from the server&apos;s archive: %1 records so far, %2 new here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored from the server&apos;s archive: %1 records, %2 new here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The restore stopped: %1. Press the button again to continue where it stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>turn the server&apos;s archive off and delete it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>change how long the server archives your history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>let the server archive your history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restore your history from the server&apos;s archive</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direct links</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::SettingsPage</name>
    <message>
        <source>the password is wrong</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::SignInTableModel</name>
    <message>
        <source>%1 (this machine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::StorageTerminalPage</name>
    <message>
        <source>&amp;Sort by:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most recently used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort devices by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Count uses over:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last %1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count uses over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices of this account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make &amp;this machine the storage terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make the s&amp;elected device the storage terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename this device…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device list could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No device is the storage terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This machine is the storage terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The storage terminal is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another device is the storage terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline. Your devices are listed here once Huiji is connected to the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline. The list is as the server last gave it; the storage terminal can be changed once Huiji is connected again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The storage terminal was not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This machine is now the storage terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now the storage terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The storage terminal was not cleared: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No device is the storage terminal now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename this device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name your other devices and the merged history show for this machine:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This machine was not renamed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This machine is now called “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This machine is now called “%1”. The server learns the new name when Huiji connects again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Collect &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask your other online devices for the records they keep, including history from before this machine was the storage terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your devices were not asked for their records: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of your other devices is online. Each one hands over its records the next time it connects.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Asked %n device(s) for the records they keep.</source>
        <translation>
            <numerusform>Asked %n device for the records it keeps.</numerusform>
            <numerusform>Asked %n devices for the records they keep.</numerusform>
        </translation>
    </message>
    <message>
        <source>another device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 new, %2 already here</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 handed over %Ln record(s): %2.</source>
        <translation>
            <numerusform>%1 handed over %Ln record: %2.</numerusform>
            <numerusform>%1 handed over %Ln records: %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 is handing over its records: %Ln so far, %2.</source>
        <translation>
            <numerusform>%1 is handing over its records: %Ln so far, %2.</numerusform>
            <numerusform>%1 is handing over its records: %Ln so far, %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln could not be taken.</source>
        <translation>
            <numerusform>%Ln could not be taken.</numerusform>
            <numerusform>%Ln could not be taken.</numerusform>
        </translation>
    </message>
    <message>
        <source>The storage terminal is the device that keeps your complete history. What your other devices send and receive waits on the server until the storage terminal logs in, and is then merged into its history. Secondary terminals keep a copy of the merged history, sent to them by the storage terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A secondary terminal made the storage terminal is promoted: it becomes the primary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add the selected device as a secondary terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A secondary terminal receives the merged history from the primary and keeps a full copy of it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move the selected device as a terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is lost: what is waiting for a terminal stays on the server until one has it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secondary terminals: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server keeps an archive too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This machine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now a secondary storage terminal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is no longer a storage terminal; nothing it was due is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>make this machine the storage terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>make %1 the storage terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>make %1 a secondary storage terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>remove %1 as a storage terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clear the storage terminals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear all storage terminals…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear all storage terminals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No device is a storage terminal any more, primary or secondary; what waits for one stays on the server</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::TerminalOfferBar</name>
    <message>
        <source>&amp;Make this machine the storage terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage terminal offer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No storage terminal is set for your account. The storage terminal keeps the merged history of all your devices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This machine could not be made the storage terminal: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>make this machine the storage terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the password is wrong</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::TrayNotifier</name>
    <message numerus="yes">
        <source>%n new messages. The latest: %1</source>
        <translation>
            <numerusform>%n new message. The latest: %1</numerusform>
            <numerusform>%n new messages. The latest: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Huiji</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n new messages from %1</source>
        <translation>
            <numerusform>%n new message from %1</numerusform>
            <numerusform>%n new messages from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Huiji: %n unread message(s)</source>
        <translation>
            <numerusform>Huiji: %n unread message</numerusform>
            <numerusform>Huiji: %n unread messages</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Show Huiji</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>huiji::UsageChart</name>
    <message>
        <source>All devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n use(s) in the last %1 days</source>
        <translation>
            <numerusform>%n use in the last %1 days</numerusform>
            <numerusform>%n uses in the last %1 days</numerusform>
        </translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message>
        <source>No devices to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n use(s)</source>
        <translation>
            <numerusform>%1: %n use</numerusform>
            <numerusform>%1: %n uses</numerusform>
        </translation>
    </message>
    <message>
        <source>Usage chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 was used %n time(s) in the last %2 days.</source>
        <translation>
            <numerusform>%1 was used %n time in the last %2 days.</numerusform>
            <numerusform>%1 was used %n times in the last %2 days.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All devices together were used %n time(s) in the last %1 days.</source>
        <translation>
            <numerusform>All devices together were used %n time in the last %1 days.</numerusform>
            <numerusform>All devices together were used %n times in the last %1 days.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Busiest day: %1, with %n use(s).</source>
        <translation>
            <numerusform>Busiest day: %1, with %n use.</numerusform>
            <numerusform>Busiest day: %1, with %n uses.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n use(s).</source>
        <translation>
            <numerusform>%1: %n use.</numerusform>
            <numerusform>%1: %n uses.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not used in the last %n day(s)</source>
        <translation>
            <numerusform>Not used in the last day</numerusform>
            <numerusform>Not used in the last %n days</numerusform>
        </translation>
    </message>
</context>
</TS>
