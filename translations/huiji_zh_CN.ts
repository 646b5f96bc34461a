<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>HistoryExporter</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>There is no conversation of %1 with %2.</source>
        <translation>不存在 %1 与 %2 的会话。</translation>
    </message>
</context>
<context>
    <name>HistoryHtmlWriter</name>
    <message>
        <source>Huiji history</source>
        <translation>汇记历史记录</translation>
    </message>
    <message>
        <source>Exported on %1</source>
        <translation>导出于 %1</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Conversation of %1 with %2</source>
        <translation>%1 与 %2 的会话</translation>
    </message>
</context>
<context>
    <name>HistoryTextWriter</name>
    <message>
        <source>Conversation of %1 with %2</source>
        <translation>%1 与 %2 的会话</translation>
    </message>
</context>
<context>
    <name>huiji::AddContactDialog</name>
    <message>
        <source>Add Contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <source>for example, bob</source>
        <translation>例如：bob</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Send &amp;Request</source>
        <translation>发送请求(&amp;R)</translation>
    </message>
    <message>
        <source>They see your request and can accept it.</source>
        <translation>对方会看到你的请求，并可以接受。</translation>
    </message>
    <message>
        <source>Sending the request…</source>
        <translation>正在发送请求…</translation>
    </message>
    <message>
        <source>Could not add %1: %2</source>
        <translation>无法添加 %1：%2</translation>
    </message>
    <message>
        <source>User ID</source>
        <translation>用户 ID</translation>
    </message>
    <message>
        <source>&amp;User ID:</source>
        <translation>用户 ID(&amp;U)：</translation>
    </message>
</context>
<context>
    <name>huiji::CertificateDialog</name>
    <message>
        <source>Server certificate changed</source>
        <translation>服务器证书已更改</translation>
    </message>
    <message>
        <source>The certificate of %1 has changed</source>
        <translation>%1 的证书已更改</translation>
    </message>
    <message>
        <source>The server presented a different certificate from the one Huiji trusted before. This happens when a server is reinstalled or its certificate is replaced, but it is also what you would see if someone were intercepting the connection. Nothing has been sent to the server.</source>
        <translation>服务器出示的证书与汇记此前信任的证书不同。服务器重装或更换证书时会出现这种情况，但如果有人正在拦截连接，你看到的也会是这种情况。目前尚未向服务器发送任何内容。</translation>
    </message>
    <message>
        <source>Trusted until now:</source>
        <translation>此前信任的证书：</translation>
    </message>
    <message>
        <source>Presented now:</source>
        <translation>当前出示的证书：</translation>
    </message>
    <message>
        <source>Trust the new certificate only if the server&apos;s operator confirms that its fingerprint is the one shown here.</source>
        <translation>只有在服务器运营者确认其证书指纹与此处显示的一致时，才应信任新证书。</translation>
    </message>
    <message>
        <source>&amp;Trust the new certificate</source>
        <translation>信任新证书(&amp;T)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Fingerprint trusted until now</source>
        <translation>此前信任的指纹</translation>
    </message>
    <message>
        <source>Fingerprint presented now</source>
        <translation>当前出示的指纹</translation>
    </message>
    <message>
        <source>New server certificate</source>
        <translation>新的服务器证书</translation>
    </message>
    <message>
        <source>First connection to %1</source>
        <translation>首次连接到 %1</translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation>指纹：</translation>
    </message>
    <message>
        <source>Fingerprint of the server&apos;s certificate</source>
        <translation>服务器证书的指纹</translation>
    </message>
    <message>
        <source>Huiji has not connected to this server before. Nothing has been sent to it yet: your password goes only once you trust this certificate, and Huiji warns you if it ever changes.</source>
        <translation>汇记此前未连接过此服务器。目前尚未向它发送任何内容：只有在你信任此证书后才会发送密码，并且如果证书日后发生变化，汇记会提醒你。</translation>
    </message>
    <message>
        <source>Compare it with the fingerprint the server&apos;s operator gives you (huijid fingerprint prints it). If they differ, do not go on.</source>
        <translation>请将它与服务器运营者提供的指纹（huijid fingerprint 会打印出来）进行比较。如果两者不同，请不要继续。</translation>
    </message>
    <message>
        <source>&amp;Trust and log in</source>
        <translation>信任并登录(&amp;T)</translation>
    </message>
</context>
<context>
    <name>huiji::Composer</name>
    <message>
        <source>&amp;Send</source>
        <translation>发送(&amp;S)</translation>
    </message>
    <message>
        <source>Write a message — Enter sends, Shift+Enter starts a new line</source>
        <translation>输入消息——按 Enter 发送，按 Shift+Enter 换行</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Send message</source>
        <translation>发送消息</translation>
    </message>
</context>
<context>
    <name>huiji::ConnectionStatus</name>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Merging</source>
        <translation>正在合并</translation>
    </message>
    <message>
        <source>Merge progress</source>
        <translation>合并进度</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message numerus="yes">
        <source>Offline — retrying in %n s</source>
        <translation>
            <numerusform>离线——%n 秒后重试</numerusform>
        </translation>
    </message>
    <message>
        <source>Offline — retrying now</source>
        <translation>离线——正在重试</translation>
    </message>
    <message numerus="yes">
        <source>Merging %1 of %Ln record(s)</source>
        <translation>
            <numerusform>正在合并 %1 / %Ln 条记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merging %1 of %Ln record(s) from 1 device</source>
        <translation>
            <numerusform>正在合并来自 1 台设备的记录：%1 / %Ln 条</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merging %1 of %Ln record(s) from %2 devices</source>
        <translation>
            <numerusform>正在合并来自 %2 台设备的记录：%1 / %Ln 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huiji::ContactListDelegate</name>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Wants to be your contact</source>
        <translation>想添加你为联系人</translation>
    </message>
    <message>
        <source>Request sent, waiting for an answer</source>
        <translation>请求已发送，等待回复</translation>
    </message>
</context>
<context>
    <name>huiji::ContactListModel</name>
    <message>
        <source>You: %1</source>
        <translation>我：%1</translation>
    </message>
    <message>
        <source>wants to be your contact</source>
        <translation>想添加你为联系人</translation>
    </message>
    <message>
        <source>request sent, waiting</source>
        <translation>请求已发送，等待中</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message numerus="yes">
        <source>%n unread</source>
        <translation>
            <numerusform>%n 条未读</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huiji::ConversationModel</name>
    <message>
        <source>%1 at %2: %3</source>
        <translation>%1，%2：%3</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>stored on the server</source>
        <translation>已存至服务器</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <source>You at %1, %2: %3</source>
        <translation>我，%1，%2：%3</translation>
    </message>
    <message>
        <source>%1 at %2, directly: %3</source>
        <translation>%1，%2，直连：%3</translation>
    </message>
    <message>
        <source>delivered directly</source>
        <translation>已直接送达</translation>
    </message>
    <message>
        <source>Sent directly to %1&apos;s device, not through the server</source>
        <translation>直接发送到 %1 的设备，未经过服务器</translation>
    </message>
    <message>
        <source>Came directly from %1&apos;s device, not through the server</source>
        <translation>直接来自 %1 的设备，未经过服务器</translation>
    </message>
    <message>
        <source>not sent (%1)</source>
        <translation>未发出（%1）</translation>
    </message>
    <message>
        <source>Not sent: the server refused it (%1).</source>
        <translation>未发出：服务器拒收了（%1）。</translation>
    </message>
</context>
<context>
    <name>huiji::ConversationPane</name>
    <message>
        <source>&amp;Accept</source>
        <translation>接受(&amp;A)</translation>
    </message>
    <message>
        <source>Choose a conversation on the left, or add a contact to start one.</source>
        <translation>请在左侧选择一个会话，或添加联系人以开始新会话。</translation>
    </message>
    <message>
        <source>Accept contact request</source>
        <translation>接受联系人请求</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Presence</source>
        <translation>在线状态</translation>
    </message>
    <message>
        <source>The history could not be read: %1</source>
        <translation>无法读取历史记录：%1</translation>
    </message>
    <message>
        <source>%1 wants to be your contact.</source>
        <translation>%1 想添加你为联系人。</translation>
    </message>
    <message>
        <source>Your request was sent. You can write to %1 once they accept it.</source>
        <translation>你的请求已发送。对方接受后，你就可以给 %1 发消息了。</translation>
    </message>
    <message>
        <source>online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>%1 is not among your contacts: you can read this conversation but not write to it.</source>
        <translation>%1 不是你的联系人：你可以阅读此会话，但不能在其中发消息。</translation>
    </message>
    <message>
        <source>The message could not be written: %1</source>
        <translation>无法写入消息：%1</translation>
    </message>
    <message>
        <source>Could not accept %1: %2</source>
        <translation>无法接受 %1：%2</translation>
    </message>
    <message>
        <source>A message was not sent: %1</source>
        <translation>有一条消息未发出：%1</translation>
    </message>
    <message>
        <source>The message could not be sent again: %1</source>
        <translation>无法重新发送该消息：%1</translation>
    </message>
</context>
<context>
    <name>huiji::ConversationView</name>
    <message>
        <source>Messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>&amp;Retry sending</source>
        <translation>重新发送(&amp;R)</translation>
    </message>
</context>
<context>
    <name>huiji::DesktopApp</name>
    <message>
        <source>The saved password could not be read from the keychain: %1</source>
        <translation>无法从密钥环读取已保存的密码：%1</translation>
    </message>
    <message>
        <source>Disconnected: %1</source>
        <translation>已断开连接：%1</translation>
    </message>
    <message>
        <source>Not connected: the server&apos;s new certificate was not trusted.</source>
        <translation>未连接：未信任服务器的新证书。</translation>
    </message>
    <message>
        <source>Huiji now uses the language you chose. Some windows change over only when Huiji starts again.</source>
        <translation>汇记现在使用你选择的语言。部分窗口要在汇记重新启动后才会切换语言。</translation>
    </message>
    <message>
        <source>Huiji</source>
        <translation>汇记</translation>
    </message>
    <message>
        <source>Huiji, the desktop chat client.</source>
        <translation>汇记，桌面聊天客户端。</translation>
    </message>
    <message>
        <source>The profile folder (one per device and account).</source>
        <translation>配置文件夹（每个设备和账号各一个）。</translation>
    </message>
    <message>
        <source>The profile in %1 cannot be opened: %2</source>
        <translation>无法打开 %1 中的配置文件：%2</translation>
    </message>
    <message>
        <source>This profile has not logged in to a server yet.</source>
        <translation>此配置尚未登录过服务器。</translation>
    </message>
    <message>
        <source>Log in with the password in FILE (its first line) instead of the keychain&apos;s.</source>
        <translation>使用 FILE 中的密码（其第一行）登录，而不是密钥环中的密码。</translation>
    </message>
    <message>
        <source>Open the merged history viewer as well.</source>
        <translation>同时打开历史记录查看器。</translation>
    </message>
    <message>
        <source>This machine was signed out, or the server did not accept the saved password. Log in again.</source>
        <translation>本机已被登出，或服务器不接受已保存的密码。请重新登录。</translation>
    </message>
    <message>
        <source>Check the server&apos;s certificate: log in again to see it.</source>
        <translation>请检查服务器的证书：重新登录即可查看。</translation>
    </message>
</context>
<context>
    <name>huiji::DeviceTableModel</name>
    <message>
        <source>Never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Today, %1</source>
        <translation>今天 %1</translation>
    </message>
    <message>
        <source>Yesterday, %1</source>
        <translation>昨天 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
        </translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Not a storage terminal</source>
        <translation>不是存储终端</translation>
    </message>
    <message>
        <source>Unnamed device</source>
        <translation>未命名设备</translation>
    </message>
    <message>
        <source>%1 (this machine)</source>
        <translation>%1（本机）</translation>
    </message>
    <message>
        <source>Online now</source>
        <translation>当前在线</translation>
    </message>
    <message>
        <source>Last used: %1
First seen: %2</source>
        <translation>最近使用：%1
首次出现：%2</translation>
    </message>
    <message numerus="yes">
        <source>Used %n time(s) in the last %1 days</source>
        <translation>
            <numerusform>最近 %1 天内使用了 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>How many times each device logged in during the last %1 days</source>
        <translation>最近 %1 天内各设备的登录次数</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>平台</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>最近使用</translation>
    </message>
    <message>
        <source>Uses (%1 days)</source>
        <translation>使用次数（%1 天）</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Primary terminal</source>
        <translation>主存储终端</translation>
    </message>
    <message>
        <source>Secondary terminal</source>
        <translation>副存储终端</translation>
    </message>
</context>
<context>
    <name>huiji::DevicesPage</name>
    <message>
        <source>The device list could not be read: %1</source>
        <translation>无法读取设备列表：%1</translation>
    </message>
    <message>
        <source>sign %1 out</source>
        <translation>登出 %1</translation>
    </message>
    <message>
        <source>%1 is signed out: it was disconnected and logs in again only with the password.</source>
        <translation>%1 已登出：它已被断开连接，只有使用密码才能重新登录。</translation>
    </message>
    <message>
        <source>sign out all your other devices</source>
        <translation>登出你的所有其他设备</translation>
    </message>
    <message>
        <source>Your other devices are signed out: they were disconnected and log in again only with the password.</source>
        <translation>你的其他设备已登出：它们已被断开连接，只有使用密码才能重新登录。</translation>
    </message>
    <message>
        <source>Nobody was signed out: %1</source>
        <translation>没有设备被登出：%1</translation>
    </message>
    <message>
        <source>Each device logs in with a sign-in of its own. Signing a device out disconnects it at once and ends its sign-in: it can log in again only with your password. Do it for a device you lost or no longer use. What waits on the server for a signed-out storage terminal is kept for it.</source>
        <translation>每台设备都使用自己的登录凭据登录。登出一台设备会立即断开它的连接并结束它的登录凭据：它只有使用你的密码才能重新登录。对丢失或不再使用的设备可以这样做。服务器上等待已登出的存储终端的记录会为它保留。</translation>
    </message>
    <message>
        <source>&amp;Sign out</source>
        <translation>登出(&amp;S)</translation>
    </message>
    <message>
        <source>Sign the selected device out. This machine is not signed out here.</source>
        <translation>登出所选设备。本机不能在这里登出。</translation>
    </message>
    <message>
        <source>Sign out all &amp;other devices</source>
        <translation>登出所有其他设备(&amp;O)</translation>
    </message>
    <message>
        <source>Your devices</source>
        <translation>你的设备</translation>
    </message>
</context>
<context>
    <name>huiji::DirectLinksPage</name>
    <message>
        <source>When you and a contact are both online, your devices can exchange messages directly, without passing through the server. When no direct link can be made, messages go through the server as usual.</source>
        <translation>当你和联系人都在线时，你们的设备可以直接互发消息，不经过服务器。无法建立直连时，消息照常经服务器发送。</translation>
    </message>
    <message>
        <source>&amp;Talk directly to contacts&apos; devices when possible</source>
        <translation>尽可能与联系人的设备直接通信(&amp;T)</translation>
    </message>
    <message>
        <source>A change takes effect the next time Huiji connects to the server.</source>
        <translation>更改在汇记下次连接服务器时生效。</translation>
    </message>
    <message>
        <source>Forwarding to the storage terminal</source>
        <translation>转发到存储终端</translation>
    </message>
    <message>
        <source>A device that is not the storage terminal hands the messages of its direct links to the server, which keeps them for the storage terminal. This setting is your account&apos;s: it applies to all your devices.</source>
        <translation>不是存储终端的设备会把直连中的消息交给服务器，由服务器为存储终端保管。此设置属于你的账户，适用于你的所有设备。</translation>
    </message>
    <message>
        <source>At &amp;once</source>
        <translation>立即(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Every</source>
        <translation>每隔(&amp;E)</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Minutes between forwards</source>
        <translation>两次转发之间的分钟数</translation>
    </message>
    <message>
        <source>When this &amp;many characters have accumulated:</source>
        <translation>累计达到以下字符数时(&amp;M)：</translation>
    </message>
    <message>
        <source> characters</source>
        <translation> 个字符</translation>
    </message>
    <message>
        <source>Characters that start a forward</source>
        <translation>触发转发的字符数</translation>
    </message>
    <message>
        <source>When Huiji &amp;closes</source>
        <translation>汇记关闭时(&amp;C)</translation>
    </message>
    <message>
        <source>A&amp;pply</source>
        <translation>应用(&amp;P)</translation>
    </message>
    <message>
        <source>Apply the forwarding policy</source>
        <translation>应用转发策略</translation>
    </message>
    <message>
        <source>Direct links could not be started on this device: %1</source>
        <translation>无法在本设备上启用直连：%1</translation>
    </message>
    <message>
        <source>Your devices forward at once.</source>
        <translation>你的设备会立即转发。</translation>
    </message>
    <message>
        <source>Your devices forward every minute.</source>
        <translation>你的设备每分钟转发一次。</translation>
    </message>
    <message>
        <source>Your devices forward every %1 minutes.</source>
        <translation>你的设备每 %1 分钟转发一次。</translation>
    </message>
    <message>
        <source>Your devices forward once %1 characters have accumulated.</source>
        <translation>你的设备在累计 %1 个字符后转发。</translation>
    </message>
    <message>
        <source>Your devices forward when Huiji closes.</source>
        <translation>你的设备在汇记关闭时转发。</translation>
    </message>
    <message>
        <source>The forwarding policy could not be read: %1</source>
        <translation>无法读取转发策略：%1</translation>
    </message>
    <message>
        <source>The forwarding policy was not changed: %1</source>
        <translation>转发策略未更改：%1</translation>
    </message>
</context>
<context>
    <name>huiji::GeneralPage</name>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Huiji follows the language of the system unless you choose one here.</source>
        <translation>除非你在此处选择一种语言，否则汇记将跟随系统语言。</translation>
    </message>
</context>
<context>
    <name>huiji::HistoryConversationModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s), the last on %1</source>
        <translation>
            <numerusform>%n 条记录，最近一条于 %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huiji::HistoryDeviceFilter</name>
    <message>
        <source>Show records from</source>
        <translation>显示来自以下设备的记录</translation>
    </message>
    <message>
        <source>All devices</source>
        <translation>所有设备</translation>
    </message>
    <message>
        <source>This machine (%1)</source>
        <translation>本机（%1）</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n record(s)</source>
        <translation>
            <numerusform>%1，%n 条记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huiji::HistoryDeviceLanes</name>
    <message>
        <source>No records in this conversation.</source>
        <translation>此会话中没有记录。</translation>
    </message>
    <message>
        <source>Records grouped by device</source>
        <translation>按设备分组的记录</translation>
    </message>
    <message>
        <source>Records from %1</source>
        <translation>来自 %1 的记录</translation>
    </message>
</context>
<context>
    <name>huiji::HistoryExportMenu</name>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Export &amp;conversation</source>
        <translation>导出会话(&amp;C)</translation>
    </message>
    <message>
        <source>Export &amp;everything</source>
        <translation>全部导出(&amp;E)</translation>
    </message>
    <message>
        <source>As &amp;web page (HTML)…</source>
        <translation>网页（HTML）(&amp;W)…</translation>
    </message>
    <message>
        <source>As history &amp;file for import (JSON)…</source>
        <translation>可供导入的历史记录文件（JSON）(&amp;F)…</translation>
    </message>
    <message>
        <source>As plain &amp;text…</source>
        <translation>纯文本(&amp;T)…</translation>
    </message>
    <message>
        <source>Choose a conversation to export.</source>
        <translation>请选择要导出的会话。</translation>
    </message>
    <message>
        <source>Huiji history</source>
        <translation>汇记历史记录</translation>
    </message>
    <message>
        <source>History with %1</source>
        <translation>与 %1 的历史记录</translation>
    </message>
    <message>
        <source>Web pages (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <source>Huiji history files (*.json)</source>
        <translation>汇记历史记录文件 (*.json)</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>文本文件 (*.txt)</translation>
    </message>
    <message>
        <source>Export All History</source>
        <translation>导出全部历史记录</translation>
    </message>
    <message>
        <source>Export Conversation</source>
        <translation>导出会话</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>导出失败</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n record(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 条记录导出到 %1。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huiji::HistorySearchPanel</name>
    <message>
        <source>Search history</source>
        <translation>搜索历史记录</translation>
    </message>
    <message>
        <source>All conversations</source>
        <translation>所有会话</translation>
    </message>
    <message>
        <source>This conversation</source>
        <translation>当前会话</translation>
    </message>
    <message>
        <source>Search in</source>
        <translation>搜索范围</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Search status</source>
        <translation>搜索状态</translation>
    </message>
    <message>
        <source>No records contain “%1”.</source>
        <translation>没有包含“%1”的记录。</translation>
    </message>
    <message numerus="yes">
        <source>%n result(s) so far; scroll for more</source>
        <translation>
            <numerusform>目前找到 %n 条结果；滚动可查看更多</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n 条结果</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>huiji::HistoryTimelineModel</name>
    <message>
        <source>%1, from %2</source>
        <translation>%1，来自 %2</translation>
    </message>
    <message>
        <source>%1 at %2, from %3: %4</source>
        <translation>%1，%2，来自 %3：%4</translation>
    </message>
</context>
<context>
    <name>huiji::HistoryViewer</name>
    <message>
        <source>History — Huiji</source>
        <translation>历史记录 — 汇记</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>会话</translation>
    </message>
    <message>
        <source>&amp;Devices:</source>
        <translation>设备(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Group by device</source>
        <translation>按设备分组(&amp;G)</translation>
    </message>
    <message>
        <source>Show each device&apos;s records side by side</source>
        <translation>并排显示各设备的记录</translation>
    </message>
    <message>
        <source>Group by device</source>
        <translation>按设备分组</translation>
    </message>
    <message>
        <source>Date to go to</source>
        <translation>要跳转到的日期</translation>
    </message>
    <message>
        <source>Go to &amp;date</source>
        <translation>跳转到日期(&amp;D)</translation>
    </message>
    <message>
        <source>Go to date</source>
        <translation>跳转到日期</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Reload</source>
        <translation>重新加载(&amp;R)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Choose a conversation on the left.</source>
        <translation>请在左侧选择一个会话。</translation>
    </message>
    <message>
        <source>No history yet. Conversations appear here once their records reach this storage terminal.</source>
        <translation>尚无历史记录。会话的记录到达此存储终端后，会话就会显示在这里。</translation>
    </message>
    <message>
        <source>No records in this conversation.</source>
        <translation>此会话中没有记录。</translation>
    </message>
    <message>
        <source>No records from this device in this conversation.</source>
        <translation>此会话中没有来自该设备的记录。</translation>
    </message>
    <message>
        <source>Could not read the history: %1</source>
        <translation>无法读取历史记录：%1</translation>
    </message>
    <message>
        <source>Go &amp;to date</source>
        <translation>转到日期(&amp;T)</translation>
    </message>
</context>
<context>
    <name>huiji::LoginDialog</name>
    <message>
        <source>Stopped. Change what you need and log in again.</source>
        <translation>已停止。请修改需要更改的内容，然后重新登录。</translation>
    </message>
    <message>
        <source>Create a Huiji account</source>
        <translation>创建汇记账号</translation>
    </message>
    <message>
        <source>Log in to Huiji</source>
        <translation>登录汇记</translation>
    </message>
    <message>
        <source>Create your Huiji account</source>
        <translation>创建你的汇记账号</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;User ID:</source>
        <translation>用户 ID(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>确认密码(&amp;R)：</translation>
    </message>
    <message>
        <source>This &amp;device:</source>
        <translation>本设备名称(&amp;D)：</translation>
    </message>
    <message>
        <source>chat.example.org or chat.example.org:%1</source>
        <translation>chat.example.org 或 chat.example.org:%1</translation>
    </message>
    <message>
        <source>Laptop, Office PC…</source>
        <translation>笔记本电脑、办公室电脑…</translation>
    </message>
    <message>
        <source>The name your other devices show on the messages written here.</source>
        <translation>你的其他设备在此设备上所写的消息旁显示的名称。</translation>
    </message>
    <message>
        <source>Re&amp;member me</source>
        <translation>记住我(&amp;M)</translation>
    </message>
    <message>
        <source>Remember me</source>
        <translation>记住我</translation>
    </message>
    <message>
        <source>Create a &amp;new account on this server</source>
        <translation>在此服务器上创建新账号(&amp;N)</translation>
    </message>
    <message>
        <source>Create a new account on this server</source>
        <translation>在此服务器上创建新账号</translation>
    </message>
    <message>
        <source>Login status</source>
        <translation>登录状态</translation>
    </message>
    <message>
        <source>Logging in</source>
        <translation>正在登录</translation>
    </message>
    <message>
        <source>Create &amp;account</source>
        <translation>创建账号(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>登录(&amp;L)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>“%1” is not a server address. Write it as host or host:port, for example chat.example.org:%2.</source>
        <translation>“%1”不是服务器地址。请写成“主机”或“主机:端口”的形式，例如 chat.example.org:%2。</translation>
    </message>
    <message>
        <source>The two passwords differ. Type the same password twice.</source>
        <translation>两次输入的密码不一致。请两次输入相同的密码。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接到 %1…</translation>
    </message>
    <message>
        <source>Creating the account…</source>
        <translation>正在创建账号…</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>正在登录…</translation>
    </message>
    <message>
        <source>Cannot reach the server, retrying…</source>
        <translation>无法连接到服务器，正在重试…</translation>
    </message>
    <message>
        <source>The user ID or the password is wrong.</source>
        <translation>用户 ID 或密码错误。</translation>
    </message>
    <message>
        <source>Too many failed attempts; the server refuses more for a while (%1).</source>
        <translation>失败次数过多；服务器暂时拒绝更多尝试（%1）。</translation>
    </message>
    <message>
        <source>This server does not take new accounts. Ask its operator to create one for you, then log in.</source>
        <translation>此服务器不接受新账号注册。请让服务器运营者为你创建账号，然后登录。</translation>
    </message>
    <message>
        <source>The user ID “%1” is taken. Choose another one, or log in if it is yours.</source>
        <translation>用户 ID“%1”已被占用。请另选一个；如果这是你的账号，请直接登录。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate has changed.</source>
        <translation>服务器的证书已更改。</translation>
    </message>
    <message>
        <source>This server speaks another version of the Huiji protocol. Update Huiji (%1).</source>
        <translation>此服务器使用的汇记协议版本不同。请更新汇记（%1）。</translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation>服务器拒绝了请求：%1</translation>
    </message>
    <message>
        <source>Cannot log in: %1</source>
        <translation>无法登录：%1</translation>
    </message>
    <message>
        <source>Logged in, but the password could not be saved: %1</source>
        <translation>已登录，但无法保存密码：%1</translation>
    </message>
    <message>
        <source>Logged in, but the saved password could not be removed: %1</source>
        <translation>已登录，但无法删除已保存的密码：%1</translation>
    </message>
    <message>
        <source>Keep the password in the system keychain and log in automatically next time.</source>
        <translation>将密码保存在系统密钥环中，下次自动登录。</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>Too many accounts were created from this address. Wait %1, then try again.</source>
        <translation>从此地址创建的账号过多。请等待 %1 后再试。</translation>
    </message>
    <message>
        <source>Too many attempts to log in to this account. Wait %1, then try again.</source>
        <translation>登录此账号的尝试次数过多。请等待 %1 后再试。</translation>
    </message>
    <message>
        <source>The server is busy. Wait %1, then try again.</source>
        <translation>服务器繁忙。请等待 %1 后再试。</translation>
    </message>
    <message>
        <source>Check the server&apos;s certificate. Your password is sent only once you trust it.</source>
        <translation>请检查服务器的证书。只有在你信任它之后才会发送密码。</translation>
    </message>
    <message>
        <source>Not connected: the server&apos;s certificate was not trusted. Nothing was sent to it.</source>
        <translation>未连接：未信任服务器的证书。没有向它发送任何内容。</translation>
    </message>
</context>
<context>
    <name>huiji::MainWindow</name>
    <message>
        <source>Huiji — %1</source>
        <translation>汇记 — %1</translation>
    </message>
    <message>
        <source>Filter contacts</source>
        <translation>筛选联系人</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Add a contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <source>Add contact</source>
        <translation>添加联系人</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>The history could not be read: %1</source>
        <translation>无法读取历史记录：%1</translation>
    </message>
    <message>
        <source>&amp;Chat</source>
        <translation>聊天(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Add Contact…</source>
        <translation>添加联系人(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Find Contact</source>
        <translation>查找联系人(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>历史记录(&amp;H)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>%1 is now a contact.</source>
        <translation>%1 现在是你的联系人了。</translation>
    </message>
    <message>
        <source>Request sent to %1.</source>
        <translation>已向 %1 发送请求。</translation>
    </message>
</context>
<context>
    <name>huiji::MessageDelegate</name>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>sent from %1</source>
        <translation>发自 %1</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>未发出：%1</translation>
    </message>
</context>
<context>
    <name>huiji::ReauthDialog</name>
    <message>
        <source>Confirm with your password</source>
        <translation>用密码确认</translation>
    </message>
    <message>
        <source>To %1, type your account password again. It goes to the server with this change only and is not kept.</source>
        <translation>要%1，请再次输入你的账号密码。密码只随这次更改发送给服务器，不会被保存。</translation>
    </message>
    <message>
        <source>Account password</source>
        <translation>账号密码</translation>
    </message>
    <message>
        <source>&amp;Confirm</source>
        <translation>确认(&amp;C)</translation>
    </message>
</context>
<context>
    <name>huiji::SearchResultModel</name>
    <message>
        <source>%1, from %2</source>
        <translation>%1，来自 %2</translation>
    </message>
    <message>
        <source>%1, %2, from %3: %4</source>
        <translation>%1，%2，来自 %3：%4</translation>
    </message>
</context>
<context>
    <name>huiji::ServerArchivePage</name>
    <message>
        <source>The server can keep an archive of your merged history, as one more secondary storage terminal, instead of deleting what it delivered. Only your account can read it. If the machine with your history is lost, a new storage terminal can be filled from the archive.</source>
        <translation>服务器可以作为又一个副存储终端，保存你合并后的历史记录归档，而不是在送达后删除。只有你的账户能读取它。如果保存历史记录的机器丢失，可以用归档填充新的存储终端。</translation>
    </message>
    <message>
        <source>&amp;Keep an archive of my history on the server</source>
        <translation>在服务器上保存我的历史记录归档(&amp;K)</translation>
    </message>
    <message>
        <source>Keep &amp;records for:</source>
        <translation>记录保留时长(&amp;R)：</translation>
    </message>
    <message>
        <source>Forever</source>
        <translation>永久</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Days the server keeps each record, 0 for ever</source>
        <translation>服务器保留每条记录的天数，0 表示永久</translation>
    </message>
    <message>
        <source>A&amp;pply</source>
        <translation>应用(&amp;P)</translation>
    </message>
    <message>
        <source>Apply the archive setting</source>
        <translation>应用归档设置</translation>
    </message>
    <message>
        <source>Fill this device&apos;s history from the server&apos;s archive, for example on a new storage terminal. What is already here is not duplicated. A restore that is cut off continues where it stopped when you press the button again.</source>
        <translation>用服务器的归档填充本设备的历史记录，例如在新的存储终端上。已有的记录不会重复。恢复中断后，再次按下按钮会从中断处继续。</translation>
    </message>
    <message>
        <source>Re&amp;store from server archive</source>
        <translation>从服务器归档恢复(&amp;S)</translation>
    </message>
    <message>
        <source>The archive setting could not be read: %1</source>
        <translation>无法读取归档设置：%1</translation>
    </message>
    <message>
        <source>Whether the server keeps an archive is shown once Huiji is connected.</source>
        <translation>汇记连接后会显示服务器是否保存归档。</translation>
    </message>
    <message>
        <source>The server keeps no archive of your history.</source>
        <translation>服务器没有保存你的历史记录归档。</translation>
    </message>
    <message>
        <source>The server keeps your history for good. Records in the archive: %1.</source>
        <translation>服务器永久保存你的历史记录。归档中的记录：%1 条。</translation>
    </message>
    <message>
        <source>The server keeps each record for %1 days. Records in the archive: %2.</source>
        <translation>服务器将每条记录保留 %1 天。归档中的记录：%2 条。</translation>
    </message>
    <message>
        <source>The archive setting was not changed: %1</source>
        <translation>归档设置未更改：%1</translation>
    </message>
    <message>
        <source>Restoring from the server&apos;s archive…</source>
        <translation>正在从服务器归档恢复…</translation>
    </message>
    <message>
        <source>Restoring from the server&apos;s archive: %1 records so far, %2 new here.</source>
        <translation>正在从服务器归档恢复：已收到 %1 条记录，其中 %2 条为本机新增。</translation>
    </message>
    <message>
        <source>Restored from the server&apos;s archive: %1 records, %2 new here.</source>
        <translation>已从服务器归档恢复：%1 条记录，其中 %2 条为本机新增。</translation>
    </message>
    <message>
        <source>The restore stopped: %1. Press the button again to continue where it stopped.</source>
        <translation>恢复已中断：%1。再次按下按钮即可从中断处继续。</translation>
    </message>
    <message>
        <source>turn the server&apos;s archive off and delete it</source>
        <translation>关闭并删除服务器归档</translation>
    </message>
    <message>
        <source>change how long the server archives your history</source>
        <translation>更改服务器归档你的历史记录的时长</translation>
    </message>
    <message>
        <source>let the server archive your history</source>
        <translation>让服务器归档你的历史记录</translation>
    </message>
    <message>
        <source>restore your history from the server&apos;s archive</source>
        <translation>从服务器的归档恢复你的历史记录</translation>
    </message>
</context>
<context>
    <name>huiji::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Storage terminal</source>
        <translation>存储终端</translation>
    </message>
    <message>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation>设置分类</translation>
    </message>
    <message>
        <source>Settings page</source>
        <translation>设置页面</translation>
    </message>
    <message>
        <source>Server archive</source>
        <translation>服务器归档</translation>
    </message>
    <message>
        <source>Direct links</source>
        <translation>直连</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
</context>
<context>
    <name>huiji::SettingsPage</name>
    <message>
        <source>the password is wrong</source>
        <translation>密码错误</translation>
    </message>
</context>
<context>
    <name>huiji::SignInTableModel</name>
    <message>
        <source>%1 (this machine)</source>
        <translation>%1（本机）</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>已登录</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>已登出</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>最近使用</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>登录状态</translation>
    </message>
</context>
<context>
    <name>huiji::StorageTerminalPage</name>
    <message>
        <source>&amp;Sort by:</source>
        <translation>排序方式(&amp;S)：</translation>
    </message>
    <message>
        <source>Most used</source>
        <translation>最常使用</translation>
    </message>
    <message>
        <source>Most recently used</source>
        <translation>最近使用</translation>
    </message>
    <message>
        <source>Sort devices by</source>
        <translation>设备排序方式</translation>
    </message>
    <message>
        <source>&amp;Count uses over:</source>
        <translation>使用次数统计范围(&amp;C)：</translation>
    </message>
    <message>
        <source>Last %1 days</source>
        <translation>最近 %1 天</translation>
    </message>
    <message>
        <source>Count uses over</source>
        <translation>使用次数统计范围</translation>
    </message>
    <message>
        <source>Devices of this account</source>
        <translation>此账号的设备</translation>
    </message>
    <message>
        <source>Make &amp;this machine the storage terminal</source>
        <translation>将本机设为存储终端(&amp;T)</translation>
    </message>
    <message>
        <source>Make the s&amp;elected device the storage terminal</source>
        <translation>将所选设备设为存储终端(&amp;E)</translation>
    </message>
    <message>
        <source>C&amp;lear all storage terminals…</source>
        <translation>清除所有存储终端(&amp;L)…</translation>
    </message>
    <message>
        <source>Clear all storage terminals</source>
        <translation>清除所有存储终端</translation>
    </message>
    <message>
        <source>No device is a storage terminal any more, primary or secondary; what waits for one stays on the server</source>
        <translation>不再有任何设备作为存储终端（无论主终端还是副终端）；等待中的记录留在服务器上</translation>
    </message>
    <message>
        <source>&amp;Rename this device…</source>
        <translation>重命名本设备(&amp;R)…</translation>
    </message>
    <message>
        <source>The device list could not be loaded: %1</source>
        <translation>无法加载设备列表：%1</translation>
    </message>
    <message>
        <source>No device is the storage terminal.</source>
        <translation>没有设备被设为存储终端。</translation>
    </message>
    <message>
        <source>This machine is the storage terminal.</source>
        <translation>本机是存储终端。</translation>
    </message>
    <message>
        <source>The storage terminal is %1.</source>
        <translation>存储终端是 %1。</translation>
    </message>
    <message>
        <source>Another device is the storage terminal.</source>
        <translation>另一台设备是存储终端。</translation>
    </message>
    <message>
        <source>Offline. Your devices are listed here once Huiji is connected to the server.</source>
        <translation>离线。汇记连接到服务器后，你的设备会列在这里。</translation>
    </message>
    <message>
        <source>Offline. The list is as the server last gave it; the storage terminal can be changed once Huiji is connected again.</source>
        <translation>离线。此列表为服务器上次提供的内容；汇记重新连接后才能更改存储终端。</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>The storage terminal was not changed: %1</source>
        <translation>存储终端未更改：%1</translation>
    </message>
    <message>
        <source>This machine is now the storage terminal.</source>
        <translation>本机现在是存储终端。</translation>
    </message>
    <message>
        <source>%1 is now the storage terminal.</source>
        <translation>%1 现在是存储终端。</translation>
    </message>
    <message>
        <source>The storage terminal was not cleared: %1</source>
        <translation>存储终端未清除：%1</translation>
    </message>
    <message>
        <source>No device is the storage terminal now.</source>
        <translation>现在没有设备是存储终端。</translation>
    </message>
    <message>
        <source>Rename this device</source>
        <translation>重命名本设备</translation>
    </message>
    <message>
        <source>The name your other devices and the merged history show for this machine:</source>
        <translation>你的其他设备和合并后的历史记录中显示的本机名称：</translation>
    </message>
    <message>
        <source>This machine was not renamed: %1</source>
        <translation>未能重命名本机：%1</translation>
    </message>
    <message>
        <source>This machine is now called “%1”.</source>
        <translation>本机现在名为“%1”。</translation>
    </message>
    <message>
        <source>This machine is now called “%1”. The server learns the new name when Huiji connects again.</source>
        <translation>本机现在名为“%1”。汇记重新连接时，服务器才会获知新名称。</translation>
    </message>
    <message>
        <source>Collect &amp;now</source>
        <translation>立即收集(&amp;N)</translation>
    </message>
    <message>
        <source>Ask your other online devices for the records they keep, including history from before this machine was the storage terminal</source>
        <translation>向您其他在线的设备索取它们保存的记录，包括本机成为存储终端之前的历史</translation>
    </message>
    <message>
        <source>Your devices were not asked for their records: %1</source>
        <translation>未能向您的设备索取记录：%1</translation>
    </message>
    <message>
        <source>None of your other devices is online. Each one hands over its records the next time it connects.</source>
        <translation>您的其他设备都不在线。每台设备会在下次连接时交出它的记录。</translation>
    </message>
    <message numerus="yes">
        <source>Asked %n device(s) for the records they keep.</source>
        <translation>
            <numerusform>已向 %n 台设备索取它们保存的记录。</numerusform>
        </translation>
    </message>
    <message>
        <source>another device</source>
        <translation>另一台设备</translation>
    </message>
    <message>
        <source>%1 new, %2 already here</source>
        <translation>新增 %1 条，已有 %2 条</translation>
    </message>
    <message numerus="yes">
        <source>%1 handed over %Ln record(s): %2.</source>
        <translation>
            <numerusform>%1 交出了 %Ln 条记录：%2。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 is handing over its records: %Ln so far, %2.</source>
        <translation>
            <numerusform>%1 正在交出记录：目前 %Ln 条，%2。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln could not be taken.</source>
        <translation>
            <numerusform>%Ln 条无法接收。</numerusform>
        </translation>
    </message>
    <message>
        <source>The storage terminal is the device that keeps your complete history. What your other devices send and receive waits on the server until the storage terminal logs in, and is then merged into its history. Secondary terminals keep a copy of the merged history, sent to them by the storage terminal.</source>
        <translation>存储终端是保存你完整历史记录的设备。你的其他设备收发的消息会在服务器上等待，直到存储终端登录，然后合并到它的历史记录中。副存储终端保存合并后历史记录的副本，由存储终端发送给它们。</translation>
    </message>
    <message>
        <source>A secondary terminal made the storage terminal is promoted: it becomes the primary</source>
        <translation>副存储终端被设为存储终端即为升级：它成为主存储终端</translation>
    </message>
    <message>
        <source>&amp;Add the selected device as a secondary terminal</source>
        <translation>将所选设备添加为副存储终端(&amp;A)</translation>
    </message>
    <message>
        <source>A secondary terminal receives the merged history from the primary and keeps a full copy of it</source>
        <translation>副存储终端从主存储终端接收合并后的历史记录，并保存完整副本</translation>
    </message>
    <message>
        <source>Re&amp;move the selected device as a terminal</source>
        <translation>取消所选设备的存储终端身份(&amp;M)</translation>
    </message>
    <message>
        <source>Nothing is lost: what is waiting for a terminal stays on the server until one has it</source>
        <translation>不会丢失任何记录：等待存储终端的记录会留在服务器上，直到有存储终端收到</translation>
    </message>
    <message>
        <source>this machine</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>Secondary terminals: %1.</source>
        <translation>副存储终端：%1。</translation>
    </message>
    <message>
        <source>The server keeps an archive too.</source>
        <translation>服务器也保存一份归档。</translation>
    </message>
    <message>
        <source>This machine</source>
        <translation>本机</translation>
    </message>
    <message>
        <source>%1 is now a secondary storage terminal.</source>
        <translation>%1 现在是副存储终端。</translation>
    </message>
    <message>
        <source>%1 is no longer a storage terminal; nothing it was due is lost.</source>
        <translation>%1 不再是存储终端；应送达它的记录不会丢失。</translation>
    </message>
    <message>
        <source>make this machine the storage terminal</source>
        <translation>将本机设为存储终端</translation>
    </message>
    <message>
        <source>make %1 the storage terminal</source>
        <translation>将 %1 设为存储终端</translation>
    </message>
    <message>
        <source>make %1 a secondary storage terminal</source>
        <translation>将 %1 设为副存储终端</translation>
    </message>
    <message>
        <source>remove %1 as a storage terminal</source>
        <translation>取消 %1 的存储终端身份</translation>
    </message>
    <message>
        <source>clear the storage terminals</source>
        <translation>清除存储终端</translation>
    </message>
</context>
<context>
    <name>huiji::TerminalOfferBar</name>
    <message>
        <source>&amp;Make this machine the storage terminal</source>
        <translation>将本机设为存储终端(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation>以后再说(&amp;N)</translation>
    </message>
    <message>
        <source>Storage terminal offer</source>
        <translation>存储终端建议</translation>
    </message>
    <message>
        <source>No storage terminal is set for your account. The storage terminal keeps the merged history of all your devices.</source>
        <translation>你的账号尚未设置存储终端。存储终端会保存你所有设备的合并历史记录。</translation>
    </message>
    <message>
        <source>This machine could not be made the storage terminal: %1</source>
        <translation>无法将本机设为存储终端：%1</translation>
    </message>
    <message>
        <source>make this machine the storage terminal</source>
        <translation>将本机设为存储终端</translation>
    </message>
    <message>
        <source>the password is wrong</source>
        <translation>密码错误</translation>
    </message>
</context>
<context>
    <name>huiji::TrayNotifier</name>
    <message numerus="yes">
        <source>%n new messages. The latest: %1</source>
        <translation>
            <numerusform>%n 条新消息。最新一条：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>Huiji</source>
        <translation>汇记</translation>
    </message>
    <message numerus="yes">
        <source>%n new messages from %1</source>
        <translation>
            <numerusform>来自 %1 的 %n 条新消息</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Huiji: %n unread message(s)</source>
        <translation>
            <numerusform>汇记：%n 条未读消息</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Show Huiji</source>
        <translation>显示汇记(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>huiji::UsageChart</name>
    <message>
        <source>All devices</source>
        <translation>所有设备</translation>
    </message>
    <message numerus="yes">
        <source>%n use(s) in the last %1 days</source>
        <translation>
            <numerusform>最近 %1 天内使用 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n 天前</numerusform>
        </translation>
    </message>
    <message>
        <source>No devices to show</source>
        <translation>没有可显示的设备</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n use(s)</source>
        <translation>
            <numerusform>%1：使用 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>Usage chart</source>
        <translation>使用情况图表</translation>
    </message>
    <message numerus="yes">
        <source>%1 was used %n time(s) in the last %2 days.</source>
        <translation>
            <numerusform>%1 在最近 %2 天内使用了 %n 次。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All devices together were used %n time(s) in the last %1 days.</source>
        <translation>
            <numerusform>所有设备在最近 %1 天内共使用了 %n 次。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Busiest day: %1, with %n use(s).</source>
        <translation>
            <numerusform>使用最多的一天：%1，共 %n 次。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n use(s).</source>
        <translation>
            <numerusform>%1：使用 %n 次。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Not used in the last %n day(s)</source>
        <translation>
            <numerusform>最近 %n 天内未使用</numerusform>
        </translation>
    </message>
</context>
</TS>
